import * as z from 'zod/mini';
import { outcomeFailure } from '../http';
import { isoTime, outcomeFailureOf, outcomeOfDeals, type CrmOutcome, type OutcomeAnswer, type OutcomeQuery, type OutcomeRead, type OutcomeStage } from '../outcomes';
import { mappedStage } from '../stage-map';
import { stageMapOf } from '../stage-map-defaults';
import { SALESFORCE_API_VERSION, SALESFORCE_CREDENTIAL, salesforceCall } from './http';
import { salesforceObjectOf, soqlString } from './lookup';
import type { SalesforceSettings } from './settings';

// Where leads stand in Salesforce, two SOQL queries a batch:
// - Leads (most): the Lead's Status, and once converted, its opportunity's stage, IsWon, IsClosed,
//   Amount and CloseDate (ConvertedOpportunity);
// - Contacts a lookup matched: the opportunities they are a contact role on.
// A won opportunity is won, a closed one lost, an open one at its StageName through the stage map;
// an unconverted Lead at its Status through the same map (Closed - Not Converted: lost).
// Amounts are read only when the settings name the org's currency (SOQL gives none in a
// single-currency org).

const opportunitySchema = z.looseObject({
  StageName: z.nullish(z.string()),
  IsWon: z.nullish(z.boolean()),
  IsClosed: z.nullish(z.boolean()),
  Amount: z.nullish(z.number()),
  CloseDate: z.nullish(z.string()),
  LastModifiedDate: z.nullish(z.string()),
});
const leadSchema = z.looseObject({ Id: z.string(), Status: z.nullish(z.string()), IsConverted: z.nullish(z.boolean()), LastModifiedDate: z.nullish(z.string()), ConvertedOpportunity: z.nullish(opportunitySchema) });
const roleSchema = z.looseObject({ ContactId: z.string(), Opportunity: z.nullish(opportunitySchema) });
const answerSchema = <T extends z.ZodMiniType>(record: T) => z.looseObject({ records: z.array(record) });

type Failure = Extract<OutcomeAnswer, { ok: false }>;
type Opportunity = z.infer<typeof opportunitySchema>;

async function query<T extends z.ZodMiniType>(settings: SalesforceSettings, soql: string, record: T, signal: AbortSignal): Promise<Array<z.infer<T>> | Failure> {
  const response = await salesforceCall(settings, 'GET', `/services/data/${SALESFORCE_API_VERSION}/query?q=${encodeURIComponent(soql)}`, undefined, signal);
  if (!(response instanceof Response)) return response.kind === 'delivered' ? { ok: false, reason: 'Salesforce could not be asked' } : outcomeFailureOf(response);
  if (!response.ok) return outcomeFailure(response, SALESFORCE_CREDENTIAL);
  const answer = answerSchema(record).safeParse(await response.json().catch(() => null));
  return answer.success ? (answer.data.records as Array<z.infer<T>>) : { ok: false, reason: 'Salesforce answered the query with something unexpected' };
}

function stageOfOpportunity(opportunity: Opportunity, settings: SalesforceSettings): OutcomeStage {
  if (opportunity.IsWon) return 'won';
  if (opportunity.IsClosed) return 'lost';
  return mappedStage(stageMapOf('salesforce', settings.stageMap), opportunity.StageName);
}

/** Opportunities as outcomes see them; amounts in the org's currency, when the settings name it. */
function outcomeOfOpportunities(id: string, opportunities: Opportunity[], settings: SalesforceSettings): CrmOutcome {
  return outcomeOfDeals(
    id,
    opportunities.map((opportunity) => {
      const wonAt = opportunity.IsWon ? isoTime(opportunity.CloseDate ?? opportunity.LastModifiedDate) : undefined;
      const changedAt = isoTime(opportunity.LastModifiedDate);
      return {
        stage: stageOfOpportunity(opportunity, settings),
        ...(typeof opportunity.Amount === 'number' && settings.orgCurrency ? { amount: opportunity.Amount, currency: settings.orgCurrency } : {}),
        ...(wonAt ? { wonAt } : {}),
        ...(changedAt ? { changedAt } : {}),
      };
    }),
  );
}

const OPPORTUNITY_FIELDS = ['StageName', 'IsWon', 'IsClosed', 'Amount', 'CloseDate', 'LastModifiedDate'];

export const salesforceOutcomes: OutcomeRead<SalesforceSettings> = {
  // 100 ids in a query's IN list: a short query, and one request for each.
  batchSize: 100,
  available: () => true,
  async read(leads, settings, signal) {
    const withId = leads.filter((lead): lead is OutcomeQuery & { crmId: string } => Boolean(lead.crmId && /^[A-Za-z0-9]{15,18}$/.test(lead.crmId)));
    const leadIds = withId.filter((lead) => salesforceObjectOf(lead.crmId) === 'Lead');
    const contactIds = withId.filter((lead) => salesforceObjectOf(lead.crmId) === 'Contact');
    const outcomes: CrmOutcome[] = [];
    if (leadIds.length) {
      const fields = ['Id', 'Status', 'IsConverted', 'LastModifiedDate', ...OPPORTUNITY_FIELDS.map((field) => `ConvertedOpportunity.${field}`)].join(', ');
      const records = await query(settings, `SELECT ${fields} FROM Lead WHERE Id IN (${leadIds.map((lead) => soqlString(lead.crmId)).join(', ')})`, leadSchema, signal);
      if (!Array.isArray(records)) return records;
      const byId = new Map(records.map((record) => [record.Id.slice(0, 15), record]));
      for (const lead of leadIds) {
        const record = byId.get(lead.crmId.slice(0, 15));
        if (!record) continue;
        if (record.IsConverted && record.ConvertedOpportunity) {
          outcomes.push(outcomeOfOpportunities(lead.id, [record.ConvertedOpportunity], settings));
          continue;
        }
        const updatedAt = isoTime(record.LastModifiedDate);
        outcomes.push({ id: lead.id, stage: mappedStage(stageMapOf('salesforce', settings.stageMap), record.Status), ...(updatedAt ? { updatedAt } : {}) });
      }
    }
    if (contactIds.length) {
      const fields = ['ContactId', ...OPPORTUNITY_FIELDS.map((field) => `Opportunity.${field}`)].join(', ');
      const roles = await query(settings, `SELECT ${fields} FROM OpportunityContactRole WHERE ContactId IN (${contactIds.map((lead) => soqlString(lead.crmId)).join(', ')})`, roleSchema, signal);
      if (!Array.isArray(roles)) return roles;
      for (const lead of contactIds) {
        const opportunities = roles.filter((role) => role.ContactId.slice(0, 15) === lead.crmId.slice(0, 15) && role.Opportunity).map((role) => role.Opportunity!);
        // A contact with no opportunity is in Salesforce, nothing more: open.
        outcomes.push(opportunities.length ? outcomeOfOpportunities(lead.id, opportunities, settings) : { id: lead.id, stage: 'open' });
      }
    }
    return { ok: true, outcomes };
  },
};
