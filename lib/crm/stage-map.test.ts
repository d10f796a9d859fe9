import { describe, expect, it } from 'vitest';
import { mappedStage, stageMapFromLines, stageMapSchema, stageMapToLines } from './stage-map';
import { defaultStageMaps } from './stage-map-defaults';

describe('stage maps', () => {
  it('map each CRM’s default stages, in any case, and anything else to open', () => {
    expect(mappedStage(defaultStageMaps.hubspot, 'closedwon')).toBe('won');
    expect(mappedStage(defaultStageMaps.hubspot, 'presentationscheduled')).toBe('demo');
    expect(mappedStage(defaultStageMaps.salesforce, 'proposal/price quote')).toBe('proposal');
    expect(mappedStage(defaultStageMaps.salesforce, 'Closed - Not Converted')).toBe('lost');
    expect(mappedStage(defaultStageMaps.pipedrive, 'Demo Scheduled')).toBe('demo');
    expect(mappedStage(defaultStageMaps.twenty, 'CUSTOMER')).toBe('won');
    expect(mappedStage(defaultStageMaps.pipedrive, 'Qualified')).toBe('open');
    expect(mappedStage(defaultStageMaps.pipedrive, undefined)).toBe('open');
  });

  it('read and write the options page’s lines, and say what is wrong with a bad one', () => {
    const lines = stageMapToLines(defaultStageMaps.pipedrive);
    expect(lines.split('\n')[0]).toBe('Contact Made = meeting');
    expect(stageMapFromLines(lines)).toEqual(defaultStageMaps.pipedrive);
    expect(stageMapFromLines('Discovery = Meeting\n\n Won (legacy) = won ')).toEqual({ Discovery: 'meeting', 'Won (legacy)': 'won' });
    expect(stageMapFromLines('Discovery')).toBe('Write one stage per line, like Demo Scheduled = demo');
    expect(stageMapFromLines('Discovery = signed')).toBe('“signed” is not a Fieldclip stage: use open, meeting, demo, proposal, won, lost');
    for (const map of Object.values(defaultStageMaps)) expect(stageMapSchema.safeParse(map).success).toBe(true);
    expect(stageMapSchema.safeParse({ Discovery: 'signed' }).success).toBe(false);
  });
});
