import { describe, expect, it } from 'vitest';
import { emptyLeadForm, leadToForm, parseLeadForm } from './form';
import * as schemas from './schema';

describe('parseLeadForm', () => {
  it('trims what was typed and leaves empty fields out', () => {
    const result = parseLeadForm(schemas, { ...emptyLeadForm(), fullName: '  Jane Doe ', company: ' Acme ', title: '   ' });
    expect(result).toEqual({
      ok: true,
      lead: expect.objectContaining({ fullName: 'Jane Doe', company: 'Acme', title: undefined }),
    });
  });

  it('adds https:// to a bare website', () => {
    const result = parseLeadForm(schemas, { ...emptyLeadForm(), company: 'Acme', website: 'acme.com/contact' });
    expect(result.ok && result.lead.website).toBe('https://acme.com/contact');
  });

  it('keeps only the details of the chosen source', () => {
    const result = parseLeadForm(schemas, {
      ...emptyLeadForm('referral'),
      fullName: 'Jane',
      referredBy: 'Bob Smith',
      eventName: 'left over from the event tab',
    });
    expect(result.ok && result.lead.source).toEqual({ kind: 'referral', referredBy: 'Bob Smith' });
  });

  it('reports one message per field, at the field', () => {
    const result = parseLeadForm(schemas, { ...emptyLeadForm('referral'), email: 'not-an-email' });
    expect(result).toEqual({
      ok: false,
      errors: {
        email: 'Enter a valid email address, like jane@acme.com',
        referredBy: 'Enter who referred this lead',
        fullName: "Enter the person's name or their company (or their badge id)",
        company: "Enter the person's name or their company (or their badge id)",
      },
    });
  });

  it('reports a full name whose last part is too long for a last name at the full name, keeping what was typed', () => {
    const values = { ...emptyLeadForm(), fullName: `Hubert ${'Wolfeschlegelsteinhausenbergerdorff'.repeat(3)}` };
    expect(parseLeadForm(schemas, values)).toEqual({ ok: false, errors: { fullName: 'The last name in this is too long for a CRM (at most 100 characters)', lastName: 'Keep this under 100 characters' } });
    expect(values.fullName).toMatch(/^Hubert Wolfe/);
  });

  it('carries the qualification and BANT flags', () => {
    const result = parseLeadForm(schemas, { ...emptyLeadForm(), company: 'Acme', level: 'hot', need: true, budget: true });
    expect(result.ok && result.lead.qualification).toEqual({
      level: 'hot',
      budget: true,
      authority: false,
      need: true,
      timing: false,
    });
  });
});

describe('answers to the event’s questions', () => {
  it('keeps the answered ones in the order asked, joins several choices, and leaves out the unanswered', () => {
    const form = { ...emptyLeadForm('event'), fullName: 'Ana Lima', eventName: 'Expo North', answers: { 'Budget?': ['Yes'], 'Interested in': ['Scanners', 'Software'], Timeline: ['  '], 'How warm?': [] } };
    const parsed = parseLeadForm(schemas, form);
    expect(parsed.ok && parsed.lead.answers).toEqual([
      { question: 'Budget?', answer: 'Yes' },
      { question: 'Interested in', answer: 'Scanners, Software' },
    ]);
    expect(parseLeadForm(schemas, { ...form, answers: {} }).ok && 'answers' in (parseLeadForm(schemas, { ...form, answers: {} }) as { lead: object }).lead).toBe(false);
  });

  it('says an answer is too long at the questions, and keeps it', () => {
    const form = { ...emptyLeadForm('event'), fullName: 'Ana Lima', eventName: 'Expo North', answers: { Notes: ['x'.repeat(501)] } };
    expect(parseLeadForm(schemas, form)).toEqual({ ok: false, errors: { answers: 'Keep an answer under 500 characters' } });
    expect(form.answers.Notes[0]).toHaveLength(501);
  });
});

describe('leadToForm', () => {
  it('shows a stored lead in the form, and parsing it back gives the same lead', () => {
    const lead = schemas.leadSchema.parse({
      id: '0b0e4f7e-8f5b-4c1e-9d7a-2b1f3c4d5e6f',
      createdAt: 1,
      updatedAt: 1,
      fullName: 'Jane Doe',
      company: 'Acme',
      email: 'jane@acme.example',
      source: { kind: 'event', eventName: 'Web Summit', eventDate: '2026-11-12' },
      qualification: { level: 'hot', budget: true, authority: false, need: true, timing: false },
      capture: {},
      answers: [{ question: 'Interested in', answer: 'Scanners, Software' }],
      sync: { status: 'pending', attempts: 0, dueAt: 1 },
    });
    const form = leadToForm(lead);
    expect(form).toMatchObject({ fullName: 'Jane Doe', sourceKind: 'event', eventName: 'Web Summit', level: 'hot', budget: true });
    const parsed = parseLeadForm(schemas, form);
    expect(parsed.ok && parsed.lead).toMatchObject({
      fullName: 'Jane Doe',
      company: 'Acme',
      source: lead.source,
      qualification: lead.qualification,
      answers: lead.answers,
    });
  });
});
