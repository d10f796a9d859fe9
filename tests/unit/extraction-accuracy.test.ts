import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracy, HELD_OUT, scoreHeldOut, scorePage } from './extraction-accuracy';

describe('capture accuracy on the held-out pages', () => {
  const scores = scoreHeldOut();
  const report = scores.filter((score) => score.verdict !== 'right').map((s) => `${s.verdict} ${s.page} ${s.field}: ${JSON.stringify(s.expected)} ← ${JSON.stringify(s.found)}`);

  it('covers at least 20 labelled pages', () => {
    expect(readdirSync(HELD_OUT).filter((name) => name.endsWith('.html')).length).toBeGreaterThanOrEqual(20);
    expect(new Set(scores.map((score) => score.page)).size).toBeGreaterThanOrEqual(20);
  });

  it('gets at least 90 % of the labelled fields right', () => {
    expect(accuracy(scores).share, report.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('never names a person who is not the page\'s subject, nor a company from another site', () => {
    const wrongNames = scores.filter((score) => score.verdict === 'wrong' && (score.field === 'fullName' || (score.field === 'company' && score.expected === null)));
    expect(wrongNames, report.join('\n')).toEqual([]);
  });
});

describe('the scorer', () => {
  const page = '<html><head><title>Acme Robotics</title></head><body><div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana Ruiz</span><span itemprop="telephone">(415) 555-0100</span></div></body></html>';

  it('calls a field right, missed or wrong, and a number in national format the same number', () => {
    const scores = scorePage('p', page, 'https://acme.example/', { fullName: 'Ana Ruiz', phone: '+14155550100', email: 'ana@acme.example', company: null, title: null });
    expect(scores.map((score) => [score.field, score.verdict])).toEqual([
      ['fullName', 'right'], ['phone', 'right'], ['email', 'missed'], ['company', 'wrong'], ['title', 'right'],
    ]);
  });
});
