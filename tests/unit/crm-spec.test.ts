import { describe, expect, it } from 'vitest';
import { answerProblems, specProblems } from './crm-spec';

// The checker the connectors' tests rely on must itself fail on what the specs do not allow.
describe('checking requests against the vendors\' specs', () => {
  it('names a Pipedrive endpoint Pipedrive removed, with what replaced it', () => {
    expect(specProblems('pipedrive', { method: 'GET', url: 'https://api.pipedrive.com/v1/persons/search?term=a%40b.example', body: undefined })).toEqual([
      'GET /v1/persons/search was removed from pipedrive\'s API (use GET /api/v2/persons/search)',
    ]);
  });

  it('names an operation the spec does not have, a query parameter it does not define, and one of the wrong type', () => {
    expect(specProblems('twenty', { method: 'DELETE', url: 'https://api.twenty.com/rest/people', body: undefined })).toEqual([
      "DELETE /rest/people is not an operation of twenty's spec",
    ]);
    expect(specProblems('pipedrive', { method: 'GET', url: 'https://api.pipedrive.com/api/v2/persons?sort=add_time&limit=many', body: undefined })).toEqual([
      "GET /api/v2/persons: query parameter \"sort\" is not in pipedrive's spec",
      'GET /api/v2/persons: query limit=many: data must be integer',
    ]);
  });

  it('checks a body against the operation\'s schema: a field an update does not define, a missing required one', () => {
    expect(specProblems('pipedrive', { method: 'PATCH', url: 'https://api.pipedrive.com/v1/leads/abc', body: { title: 'x', origin_id: 'y' } })).toEqual([
      'PATCH /v1/leads/{id} body: data must NOT have additional properties',
    ]);
    expect(specProblems('hubspot', { method: 'POST', url: 'https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert', body: { inputs: [{ properties: {} }] } })).toEqual([
      "POST /crm/v3/objects/contacts/batch/upsert body: data/inputs/0 must have required property 'id'",
    ]);
  });

  it('lets a request the spec allows through', () => {
    const person = { name: 'Carla Gómez', emails: [{ value: 'carla@hooli.example', primary: true, label: 'work' }], custom_fields: { a1b2: 'lead-id' } };
    expect(specProblems('pipedrive', { method: 'POST', url: 'https://api.pipedrive.com/api/v2/persons', body: person })).toEqual([]);
  });

  it('checks an answer given in a vendor\'s name against the answer the spec documents', () => {
    const request = { method: 'POST', url: 'https://api.hubapi.com/crm/v3/objects/contacts/batch/create' };
    expect(answerProblems('hubspot', request, 201, { status: 'COMPLETE', results: [] })).toEqual([
      "answer 201 to POST /crm/v3/objects/contacts/batch/create: data must have required property 'completedAt', data must have required property 'startedAt'",
    ]);
    expect(answerProblems('hubspot', request, 201, { status: 'COMPLETE', results: [], startedAt: 'x', completedAt: 'y' })).toEqual([]);
  });
});
