import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD, parseBadgePayload } from './payload';

describe('what a badge or card code says', () => {
  it('reads a vCard 3.0 with TYPE params, a work address preferred, escapes undone', () => {
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Lima;Ana;;Dr.;', 'FN:Ana Lima', 'ORG:Acme\\, Inc.;Sales', 'TITLE:VP Sales', 'EMAIL;TYPE=HOME:ana@home.example', 'EMAIL;TYPE=INTERNET,WORK:ana@acme.example', 'TEL;TYPE=FAX:+1 555 0199', 'TEL;TYPE=WORK,VOICE:+1 415 555 0100', 'URL:https://acme.example', 'URL:https://www.linkedin.com/in/ana-lima/', 'ADR;TYPE=WORK:;;1 Main St;Lisbon;;1000;Portugal', 'END:VCARD'].join('\r\n');
    expect(parseBadgePayload(card)).toEqual({
      format: 'vcard',
      fields: { fullName: 'Ana Lima', lastName: 'Lima', firstName: 'Ana', company: 'Acme, Inc.', title: 'VP Sales', email: 'ana@acme.example', phone: '+1 415 555 0100', website: 'https://acme.example', linkedinUrl: 'https://www.linkedin.com/in/ana-lima', location: 'Lisbon, Portugal' },
    });
  });

  it('reads a vCard 4.0 with tel: URIs and folded lines', () => {
    const card = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bartholomew\r\n  Okafor-Nwosu\r\nTEL;VALUE=uri;TYPE="work,voice":tel:+44-20-7946-0958\r\nEMAIL:bo@globex.example\r\nEND:VCARD';
    expect(parseBadgePayload(card)).toEqual({ format: 'vcard', fields: { fullName: 'Bartholomew Okafor-Nwosu', phone: '+44-20-7946-0958', email: 'bo@globex.example' } });
  });

  it('reads a vCard 2.1 with QUOTED-PRINTABLE and CHARSET, soft line breaks included', () => {
    const card = ['BEGIN:VCARD', 'VERSION:2.1', 'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg', 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BC=', 'ller', 'ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:B=E4ckerei Gr=FCn', 'TEL;WORK;VOICE:+49 30 1234567', 'END:VCARD'].join('\r\n');
    expect(parseBadgePayload(card)).toEqual({ format: 'vcard', fields: { lastName: 'Müller', firstName: 'Jörg', fullName: 'Jörg Müller', company: 'Bäckerei Grün', phone: '+49 30 1234567' } });
  });

  it('reads a MeCard and a BIZCARD', () => {
    expect(parseBadgePayload('MECARD:N:Sato,Kenji;ORG:Initech;TITLE:CTO;TEL:+81 3 1234 5678;EMAIL:kenji@initech.example;URL:https\\://initech.example;;')).toEqual({
      format: 'mecard',
      fields: { lastName: 'Sato', firstName: 'Kenji', company: 'Initech', title: 'CTO', phone: '+81 3 1234 5678', email: 'kenji@initech.example', website: 'https://initech.example', fullName: 'Kenji Sato' },
    });
    expect(parseBadgePayload('BIZCARD:N:Sean;X:Owen;T:Buyer;C:Hooli;A:1 Way;B:+1 555 0101;E:sean@hooli.example;;')).toEqual({
      format: 'bizcard',
      fields: { firstName: 'Sean', lastName: 'Owen', title: 'Buyer', company: 'Hooli', phone: '+1 555 0101', email: 'sean@hooli.example', fullName: 'Sean Owen' },
    });
  });

  it('takes a LinkedIn profile, another web address, and anything else as the badge id', () => {
    expect(parseBadgePayload('https://www.linkedin.com/in/kim-lee-sales?trk=qr')).toEqual({ format: 'linkedin', fields: { linkedinUrl: 'https://www.linkedin.com/in/kim-lee-sales' } });
    expect(parseBadgePayload('https://expo.example/v/8812')).toEqual({ format: 'url', fields: { website: 'https://expo.example/v/8812' } });
    expect(parseBadgePayload('  EXPO26-004711 ')).toEqual({ format: 'badge-id', fields: { badgeId: 'EXPO26-004711' } });
  });

  it('refuses huge, binary, empty and hostile payloads, and keeps script in values as plain text', () => {
    expect(parseBadgePayload('x'.repeat(MAX_PAYLOAD + 1))).toMatchObject({ format: 'none', problem: expect.stringMatching(/too much for a badge/) });
    expect(parseBadgePayload('\u0000\u0001PK\u0003')).toEqual({ format: 'none', problem: 'The code holds binary data, not text' });
    expect(parseBadgePayload('   ')).toEqual({ format: 'none', problem: 'The code is empty' });
    expect(parseBadgePayload('<script>alert(1)</script>')).toMatchObject({ format: 'none' });
    expect(parseBadgePayload('BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD')).toEqual({ format: 'none', problem: 'The vCard names nobody' });
    const hostile = parseBadgePayload(`BEGIN:VCARD\r\nFN:<img src=x onerror=alert(1)>\u202Eevil\r\nORG:${'A'.repeat(5000)}\r\nEND:VCARD`);
    expect(hostile).toMatchObject({ format: 'vcard', fields: { fullName: '<img src=x onerror=alert(1)> evil' } });
    expect((hostile as { fields: { company: string } }).fields.company).toHaveLength(200);
  });
});
