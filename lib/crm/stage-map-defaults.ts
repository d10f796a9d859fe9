import type { StageMap } from './outcomes';
import type { StageMapCrm } from './stage-map';

// Kept apart from stage-map.ts: the service worker's outcome reads and the options page's stage
// field use them; the options page's first load does not.

/** Each CRM's defaults: the stages of its default pipeline and statuses, as a new account has them. */
export const defaultStageMaps = {
  hubspot: {
    appointmentscheduled: 'meeting',
    qualifiedtobuy: 'meeting',
    presentationscheduled: 'demo',
    decisionmakerboughtin: 'proposal',
    contractsent: 'proposal',
    closedwon: 'won',
    closedlost: 'lost',
    opportunity: 'meeting',
    customer: 'won',
  },
  salesforce: {
    Qualification: 'meeting',
    'Needs Analysis': 'meeting',
    'Value Proposition': 'demo',
    'Id. Decision Makers': 'demo',
    'Perception Analysis': 'demo',
    'Proposal/Price Quote': 'proposal',
    'Negotiation/Review': 'proposal',
    'Closed Won': 'won',
    'Closed Lost': 'lost',
    'Closed - Not Converted': 'lost',
  },
  pipedrive: {
    'Contact Made': 'meeting',
    'Demo Scheduled': 'demo',
    'Proposal Made': 'proposal',
    'Negotiations Started': 'proposal',
  },
  twenty: {
    SCREENING: 'meeting',
    MEETING: 'meeting',
    PROPOSAL: 'proposal',
    CUSTOMER: 'won',
  },
} satisfies Record<StageMapCrm, StageMap>;

/** The map a CRM's settings use: the rep's, else the CRM's defaults. */
export function stageMapOf(crm: StageMapCrm, saved: StageMap | undefined): StageMap {
  return saved ?? defaultStageMaps[crm];
}

