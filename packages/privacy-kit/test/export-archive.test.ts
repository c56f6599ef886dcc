import { describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { buildExportArchive, csvCell, readArchiveFiles, readArchiveJson } from '../src/export-archive.ts';
import { buildExportPlan } from '../src/export-query.ts';
import { erasableValues, personalValuesOf } from '../src/export-values.ts';
import { personal, subgraphSdl } from './fixtures.ts';

const SDL = subgraphSdl(
  `
type Query { dataSubject(id: ID!): DataSubject }
type DataSubject @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  notes: [Note!]!
  visits: [Visit!]!
}
type Note @dataSubject(fields: ["authorId"]) {
  "The author."
  authorId: ID!
  "What they wrote."
  text: String! ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT', purposes: '[SUPPORT]', recipients: '["support staff"]' })}
  invoice: String ${personal({ category: 'USER_FINANCIAL', mask: 'REDACT', erasure: 'LEGAL_HOLD', legalHoldFor: '"P6Y"', retention: '"P6Y"' })}
}
type Visit @dataSubject(fields: ["userId"]) {
  userId: ID!
  browser: String ${personal({ category: 'USER_DEVICE', mask: 'NULL', retention: '"P12M"' })}
}`,
  ['@key'],
);

const composed = composeServices([{ name: 'notes', url: 'http://notes.invalid/graphql', typeDefs: parse(SDL) }]);
if (composed.errors !== undefined) throw new Error(composed.errors.map((error) => error.message).join('\n'));
const plan = buildExportPlan(composed.supergraphSdl);

const subject = {
  id: 'u1',
  notes: [
    { authorId: 'u1', text: 'Call me, "quickly", please', invoice: 'INV-2026-0042' },
    { authorId: 'u1', text: '=HYPERLINK("http://evil.example")', invoice: null },
  ],
  visits: [{ userId: 'u1', browser: 'Other' }],
};

describe('buildExportArchive', () => {
  const archive = buildExportArchive({
    plan,
    subject,
    subjectId: 'u1',
    generatedAt: new Date('2026-11-22T02:00:00.000Z'),
    processors: [{ name: 'Mailer <Ltd>', purpose: 'sends service mails', dataCategories: ['user.contact.email'], country: 'IE', safeguard: 'NO_TRANSFER' }],
    personalDataSold: false,
    statement: 'We do not sell your personal data.',
    controller: { name: 'leadgraph', contact: 'privacy@leadgraph.dev' },
  });
  const files = readArchiveFiles(archive);

  it('holds data.json in the API shape, one CSV per type and the summary', () => {
    expect(Object.keys(files).sort()).toEqual(['csv/DataSubject.csv', 'csv/Note.csv', 'csv/Visit.csv', 'data.json', 'summary.html']);
    expect(JSON.parse(readArchiveJson(archive))).toEqual({
      format: 'leadgraph-export/v1',
      generatedAt: '2026-11-22T02:00:00.000Z',
      subjectId: 'u1',
      data: { dataSubject: subject },
    });
  });

  it('writes CSV rows in document order, quoted, and defuses spreadsheet formulas', () => {
    expect(files['csv/Note.csv']).toBe(
      '_location,authorId,text,invoice\r\n' +
        'notes[0],u1,"Call me, ""quickly"", please",INV-2026-0042\r\n' +
        `notes[1],u1,"'=HYPERLINK(""http://evil.example"")",\r\n`,
    );
    expect(csvCell(['a', 'b'])).toBe('"a; b"');
    expect(csvCell(null)).toBe('');
  });

  it('explains each personal field: purpose, basis, retention, erasure, recipients; and lists processors, escaped', () => {
    const html = files['summary.html']!;
    expect(html).toContain('<td>Note.text — What they wrote.</td>');
    expect(html).toContain('support staff');
    expect(html).toContain('kept P6Y after an erasure request');
    expect(html).toContain('Mailer &lt;Ltd&gt;');
    expect(html).toContain('We do not sell your personal data.');
    expect(html).not.toContain('<Ltd>');
  });

  it('sends the scan only identifying values: not held ones, not a shared vocabulary', () => {
    expect(erasableValues(personalValuesOf(plan, subject))).toEqual({
      values: ['Call me, "quickly", please', '=HYPERLINK("http://evil.example")'],
      held: 1,
    });
  });
});
