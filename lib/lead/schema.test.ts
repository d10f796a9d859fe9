import { describe, expect, it } from 'vitest';
import { leadInputSchema, leadSchema, sourceSchema } from './schema';

describe('leadInputSchema', () => {
  it('defaults the source to prospecting and the qualification to raw', () => {
    const lead = leadInputSchema.parse({ fullName: 'Jane Doe' });
    expect(lead.source).toEqual({ kind: 'prospecting' });
    expect(lead.qualification).toEqual({ level: 'raw', budget: false, authority: false, need: false, timing: false });
  });

  it('accepts a company without a person', () => {
    expect(leadInputSchema.safeParse({ company: 'Acme GmbH' }).success).toBe(true);
  });

  it('needs a name or a company', () => {
    const result = leadInputSchema.safeParse({ email: 'jane@acme.com' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['fullName', 'company']);
  });

  it('rejects an invalid email with a message a rep understands', () => {
    const result = leadInputSchema.safeParse({ fullName: 'Jane', email: 'jane@' });
    expect(result.error?.issues[0]?.message).toBe('Enter a valid email address, like jane@acme.com');
  });

  it('stores LinkedIn links in canonical form', () => {
    const lead = leadInputSchema.parse({
      fullName: 'Jane',
      linkedinUrl: 'https://de.linkedin.com/in/Jane-Doe/?trk=abc',
      companyLinkedinUrl: 'linkedin.com/company/acme/about/',
    });
    expect(lead.linkedinUrl).toBe('https://www.linkedin.com/in/jane-doe');
    expect(lead.companyLinkedinUrl).toBe('https://www.linkedin.com/company/acme');
  });

  it('refuses a company link in the profile field', () => {
    const result = leadInputSchema.safeParse({ fullName: 'Jane', linkedinUrl: 'https://www.linkedin.com/company/acme' });
    expect(result.error?.issues[0]?.path).toEqual(['linkedinUrl']);
  });

  it.each(['javascript:alert(1)', 'ftp://acme.com', 'acme'])('refuses the website %s', (website) => {
    expect(leadInputSchema.safeParse({ company: 'Acme', website }).success).toBe(false);
  });

  it.each(['+1 415 555 0100', '(030) 1234-5678', '+44 20 7946 0958 ext. 12'])('accepts the phone %s', (phone) => {
    expect(leadInputSchema.safeParse({ company: 'Acme', phone }).success).toBe(true);
  });

  it.each(['call me', '12', '<b>555</b>'])('refuses the phone %s', (phone) => {
    expect(leadInputSchema.safeParse({ company: 'Acme', phone }).success).toBe(false);
  });
});

describe('sourceSchema', () => {
  it('requires who referred a referral', () => {
    const result = sourceSchema.safeParse({ kind: 'referral' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['referredBy'], message: 'Enter who referred this lead' });
  });

  it('requires the event name of an event lead', () => {
    const result = sourceSchema.safeParse({ kind: 'event', eventName: '' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['eventName'], message: 'Enter the event name' });
  });

  it('requires the closed account of a lead asked for at the close', () => {
    expect(sourceSchema.safeParse({ kind: 'prospecting-at-close' }).success).toBe(false);
    expect(sourceSchema.safeParse({ kind: 'prospecting-at-close', closedAccount: 'Globex', dealReference: 'D-42' }).success).toBe(true);
  });

  it('refuses an unknown kind', () => {
    expect(sourceSchema.safeParse({ kind: 'cold-call' }).success).toBe(false);
  });
});

describe('leadSchema', () => {
  const stored = {
    id: '0b0e4f7e-8f5b-4c1e-9d7a-2b1f3c4d5e6f',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    fullName: 'Jane Doe',
    source: { kind: 'prospecting' },
    qualification: { level: 'hot', budget: true, authority: true, need: true, timing: true },
    capture: {},
    sync: { status: 'pending', attempts: 0, dueAt: 1_700_000_000_000 },
  };

  it('accepts a stored lead', () => {
    expect(leadSchema.parse(stored)).toEqual(stored);
  });

  it('refuses a lead without a UUID', () => {
    expect(leadSchema.safeParse({ ...stored, id: '42' }).success).toBe(false);
  });

  it('refuses a failed lead without its last error', () => {
    expect(leadSchema.safeParse({ ...stored, sync: { status: 'failed', attempts: 1, dueAt: 1 } }).success).toBe(false);
  });
});
