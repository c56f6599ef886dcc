import { describe, expect, it } from 'vitest';
import { readPersonalDeclarations } from '../src/declarations.ts';
import { buildRecordOfProcessing, renderRecordMarkdown, WHILE_ACTIVE } from '../src/record-of-processing.ts';
import { TOY_SDL } from './toy-subgraph.ts';
import { personal, subgraphSdl } from './fixtures.ts';

const GENERATED_AT = new Date('2026-11-21T00:00:00.000Z');
const declarations = readPersonalDeclarations(TOY_SDL);
const record = buildRecordOfProcessing(declarations, {
  controller: { name: 'Leadgraph Ltd', contact: 'dpo@leadgraph.dev' },
  processors: [{ name: 'Mail provider', purpose: 'Service messages', location: 'EU' }],
  generatedAt: GENERATED_AT,
});

describe('buildRecordOfProcessing', () => {
  it('lists one activity per purpose with its bases, categories, subjects and retention', () => {
    expect(record.activities.map((activity) => activity.purpose)).toEqual([
      'ACCOUNT_MANAGEMENT', 'SERVICE_DELIVERY', 'SERVICE_MESSAGES', 'PAYMENTS', 'SUPPORT',
    ]);
    const payments = record.activities.find((activity) => activity.purpose === 'PAYMENTS');
    expect(payments).toEqual({
      purpose: 'PAYMENTS',
      description: 'Payments and payouts.',
      legalBases: ['LEGAL_OBLIGATION'],
      dataCategories: [{ category: 'USER_FINANCIAL_BANK_ACCOUNT', key: 'user.financial.bank_account' }],
      dataSubjectTypes: ['User'],
      recipients: [],
      retention: [WHILE_ACTIVE],
      fields: ['User.iban'],
    });
    const delivery = record.activities.find((activity) => activity.purpose === 'SERVICE_DELIVERY');
    expect(delivery?.dataSubjectTypes).toEqual(['Conversation', 'User']);
    expect(delivery?.dataCategories.map((category) => category.key)).toEqual([
      'user.contact.phone', 'user.contact.address', 'user.content.private', 'user.content.public',
    ]);
  });

  it('lists every field under its category, with erasure and export', () => {
    const bank = record.categories.find((category) => category.key === 'user.financial.bank_account');
    expect(bank?.fields).toEqual([
      {
        coordinate: 'User.iban',
        subgraphs: [],
        collections: [],
        recipients: [],
        purposes: ['PAYMENTS'],
        basis: 'LEGAL_OBLIGATION',
        retention: WHILE_ACTIVE,
        erasure: 'LEGAL_HOLD P6Y',
        exported: true,
        mask: 'LAST4',
      },
    ]);
    expect(record.categories.map((category) => category.key)).toHaveLength(7);
    expect(record.dataSubjects).toEqual([
      { typeName: 'Conversation', subjectFields: ['clientId', 'proId'], coOwned: true },
      { typeName: 'User', subjectFields: ['id'], coOwned: false },
    ]);
    expect(record.controller).toEqual({ name: 'Leadgraph Ltd', contact: 'dpo@leadgraph.dev' });
    expect(record.generatedAt).toBe('2026-11-21T00:00:00.000Z');
  });

  it('is stable: the same declarations in another order give the same record', () => {
    const reversed = { fields: [...declarations.fields].reverse(), subjects: [...declarations.subjects].reverse() };
    expect(buildRecordOfProcessing(reversed, { generatedAt: GENERATED_AT, controller: record.controller!, processors: record.processors })).toEqual(record);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});

describe('recipients', () => {
  it('are listed per activity where declared', () => {
    const sdl = subgraphSdl(`type Query { ok: Boolean }
      type User @dataSubject(fields: ["id"]) {
        id: ID!
        email: String ${personal({ purposes: '[SERVICE_MESSAGES]', recipients: '["mail provider"]' })}
        phone: String ${personal({ category: 'USER_CONTACT_PHONE', mask: 'PHONE', purposes: '[SERVICE_MESSAGES, SERVICE_DELIVERY]', recipients: '["the pro hired for the lead", "mail provider"]', retention: '"P2Y"' })}
      }`);
    const activities = buildRecordOfProcessing(readPersonalDeclarations(sdl)).activities;
    expect(activities.map((activity) => [activity.purpose, activity.recipients, activity.retention])).toEqual([
      ['SERVICE_DELIVERY', ['the pro hired for the lead', 'mail provider'].sort(), ['P2Y']],
      ['SERVICE_MESSAGES', ['mail provider', 'the pro hired for the lead'], ['P2Y', WHILE_ACTIVE]],
    ]);
  });
});

describe('renderRecordMarkdown', () => {
  const markdown = renderRecordMarkdown(record);

  it('renders activities, categories, subjects and processors as tables', () => {
    expect(markdown).toContain('# Record of processing activities (GDPR Art. 30)');
    expect(markdown).toContain('Controller: Leadgraph Ltd (dpo@leadgraph.dev)');
    expect(markdown).toContain('| PAYMENTS: Payments and payouts. | LEGAL_OBLIGATION | user.financial.bank_account | User | — | while the account is active |');
    expect(markdown).toContain('### user.financial.bank_account');
    expect(markdown).toContain('| `User.iban` | — | — | PAYMENTS | LEGAL_OBLIGATION | while the account is active | LEGAL_HOLD P6Y | yes | LAST4 |');
    expect(markdown).toContain('| Conversation | clientId, proId | yes |');
    expect(markdown).toContain('| Mail provider | Service messages | EU |');
  });

  it('says so when no processor is declared', () => {
    const bare = renderRecordMarkdown(buildRecordOfProcessing(declarations, { generatedAt: GENERATED_AT }));
    expect(bare).toContain('## Processors\n\nNone declared.');
    expect(bare).not.toContain('Controller:');
  });
});
