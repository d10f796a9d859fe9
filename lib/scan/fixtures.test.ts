import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromFields } from '../extract';
import { parseBadgePayload } from './payload';

// What badges' codes carry (tests/fixtures/badges/*.txt, one payload each, as a decoder returns
// it), and the capture form's draft from each, kept in NAME.expected.json.
const dir = join(import.meta.dirname, '../../tests/fixtures/badges');
const payloads = readdirSync(dir).filter((name) => name.endsWith('.txt'));

describe('badge payloads, golden drafts', () => {
  it.each(payloads)('%s', (name) => {
    const payload = parseBadgePayload(readFileSync(join(dir, name), 'utf8'));
    expect(payload.format, `${name} says who the visitor is`).not.toBe('none');
    const draft = extractFromFields(payload.format === 'none' ? {} : payload.fields, 'badge-code', 'badge');
    const goldenPath = join(dir, name.replace(/\.txt$/, '.expected.json'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, `${JSON.stringify({ format: payload.format, draft }, null, 2)}\n`);
    expect({ format: payload.format, draft }).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
  });
});
