import type { PersonalDeclarations, PersonalFieldDeclaration } from './declarations.ts';
import {
  CATEGORIES,
  LEGAL_BASIS_DESCRIPTIONS,
  PURPOSES,
  PURPOSE_NAMES,
  CATEGORY_NAMES,
  type LegalBasis,
  type PersonalDataCategory,
  type ProcessingPurpose,
} from './taxonomy.ts';

/** GDPR Art. 30(1) record of processing activities, generated from the schema's declarations. */
export interface RecordOfProcessing {
  controller: { name: string; contact: string } | null;
  /** When it was generated; null for the build's committed copy, which must not change between identical builds. */
  generatedAt: string | null;
  /** SHA-256 of the supergraph SDL it was generated from, when generated from one. */
  supergraphSha256: string | null;
  /** One activity per purpose, in the taxonomy's order. */
  activities: ProcessingActivity[];
  /** One entry per data category, with every field that holds it. */
  categories: CategoryRecord[];
  /** Whose data each type holds. */
  dataSubjects: Array<{ typeName: string; subjectFields: string[]; coOwned: boolean }>;
  /** Service providers processing data on the controller's behalf (Art. 30(1)(d)), as given. */
  processors: ProcessorRecord[];
}

export interface ProcessingActivity {
  purpose: ProcessingPurpose;
  description: string;
  legalBases: LegalBasis[];
  dataCategories: Array<{ category: PersonalDataCategory; key: string }>;
  /** Types whose data is processed for this purpose. */
  dataSubjectTypes: string[];
  recipients: string[];
  /** Distinct retention periods, `while the account is active` for fields without one. */
  retention: string[];
  fields: string[];
}

export interface CategoryRecord {
  category: PersonalDataCategory;
  key: string;
  description: string;
  /** Subgraphs resolving a field of this category (empty when not known). */
  subgraphs: string[];
  /** Collections storing a value of this category, from the storage declarations (empty when not known). */
  collections: string[];
  /** Who else receives values of this category (the fields' `recipients`). */
  recipients: string[];
  fields: Array<{
    coordinate: string;
    subgraphs: string[];
    collections: string[];
    recipients: string[];
    purposes: ProcessingPurpose[];
    basis: LegalBasis;
    retention: string;
    erasure: string;
    exported: boolean;
    mask: string;
  }>;
}

export interface ProcessorRecord {
  name: string;
  purpose: string;
  /** Where data goes, for transfers (Art. 30(1)(e)). */
  location?: string;
}

export interface RecordOptions {
  controller?: { name: string; contact: string };
  processors?: ProcessorRecord[];
  /** Default now; null leaves it out (a committed build artefact stays stable). */
  generatedAt?: Date | null;
  /** `Type.field` → the subgraphs resolving it (from the supergraph's `@join__field`). */
  subgraphsByField?: ReadonlyMap<string, readonly string[]>;
  /** `Type.field` → the collections storing it (from `declarePersonalStorage`). */
  collectionsByField?: ReadonlyMap<string, readonly string[]>;
  supergraphSha256?: string;
}

export const WHILE_ACTIVE = 'while the account is active';

function retentionOf(field: PersonalFieldDeclaration): string {
  return field.retention?.text ?? WHILE_ACTIVE;
}

function erasureOf(field: PersonalFieldDeclaration): string {
  return field.erasure === 'LEGAL_HOLD' ? `LEGAL_HOLD ${field.legalHoldFor?.text ?? ''}`.trim() : field.erasure;
}

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function sortedByOrder<T extends string>(values: Iterable<T>, order: readonly T[]): T[] {
  return distinct(values).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** The record as data (for JSON); every list sorted so that the output is stable across builds. */
export function buildRecordOfProcessing(declarations: PersonalDeclarations, options: RecordOptions = {}): RecordOfProcessing {
  const fields = [...declarations.fields].sort((a, b) => a.coordinate.localeCompare(b.coordinate));
  const activities: ProcessingActivity[] = [];
  for (const purpose of PURPOSE_NAMES) {
    const used = fields.filter((field) => field.purposes.includes(purpose));
    if (used.length === 0) continue;
    activities.push({
      purpose,
      description: PURPOSES[purpose],
      legalBases: sortedByOrder(used.map((field) => field.basis), Object.keys(LEGAL_BASIS_DESCRIPTIONS) as LegalBasis[]),
      dataCategories: sortedByOrder(used.map((field) => field.category), CATEGORY_NAMES).map((category) => ({
        category,
        key: CATEGORIES[category].key,
      })),
      dataSubjectTypes: distinct(used.map((field) => field.typeName)).sort(),
      recipients: distinct(used.flatMap((field) => field.recipients)).sort(),
      retention: distinct(used.map(retentionOf)).sort(),
      fields: used.map((field) => field.coordinate),
    });
  }
  const subgraphsOf = (field: PersonalFieldDeclaration) => [...(options.subgraphsByField?.get(field.coordinate) ?? [])].sort();
  const collectionsOf = (field: PersonalFieldDeclaration) => [...(options.collectionsByField?.get(field.coordinate) ?? [])].sort();
  const categories: CategoryRecord[] = [];
  for (const category of CATEGORY_NAMES) {
    const used = fields.filter((field) => field.category === category);
    if (used.length === 0) continue;
    categories.push({
      category,
      key: CATEGORIES[category].key,
      description: CATEGORIES[category].description,
      subgraphs: distinct(used.flatMap(subgraphsOf)).sort(),
      collections: distinct(used.flatMap(collectionsOf)).sort(),
      recipients: distinct(used.flatMap((field) => field.recipients)).sort(),
      fields: used.map((field) => ({
        coordinate: field.coordinate,
        subgraphs: subgraphsOf(field),
        collections: collectionsOf(field),
        recipients: [...field.recipients].sort(),
        purposes: field.purposes,
        basis: field.basis,
        retention: retentionOf(field),
        erasure: erasureOf(field),
        exported: field.export,
        mask: field.mask,
      })),
    });
  }
  return {
    controller: options.controller ?? null,
    generatedAt: options.generatedAt === null ? null : (options.generatedAt ?? new Date()).toISOString(),
    supergraphSha256: options.supergraphSha256 ?? null,
    activities,
    categories,
    dataSubjects: [...declarations.subjects]
      .sort((a, b) => a.typeName.localeCompare(b.typeName))
      .map((subject) => ({ typeName: subject.typeName, subjectFields: subject.fields, coOwned: subject.coOwned })),
    processors: options.processors ?? [],
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** The record as Markdown, for people: activities, categories, data subjects and processors. */
export function renderRecordMarkdown(record: RecordOfProcessing): string {
  const parts: string[] = ['# Record of processing activities (GDPR Art. 30)', ''];
  if (record.controller !== null) parts.push(`Controller: ${record.controller.name} (${record.controller.contact})`, '');
  const when = record.generatedAt === null ? '' : ` at ${record.generatedAt}`;
  const source = record.supergraphSha256 === null ? '' : ` (supergraph sha256 \`${record.supergraphSha256.slice(0, 16)}\`)`;
  parts.push(`Generated from the supergraph's @personal declarations${source}${when}. Do not edit: \`pnpm compose\` writes it.`, '');
  parts.push('## Processing activities', '');
  parts.push(
    table(
      ['Purpose', 'Legal bases', 'Data categories', 'Data subjects', 'Recipients', 'Retention'],
      record.activities.map((activity) => [
        `${activity.purpose}: ${activity.description}`,
        activity.legalBases.join(', '),
        activity.dataCategories.map((category) => category.key).join(', '),
        activity.dataSubjectTypes.join(', '),
        activity.recipients.length === 0 ? '—' : activity.recipients.join('; '),
        activity.retention.join(', '),
      ]),
    ),
    '',
  );
  parts.push('## Data categories', '');
  for (const category of record.categories) {
    parts.push(`### ${category.key}`, '', category.description, '');
    const list = (values: string[]) => (values.length === 0 ? '—' : values.join(', '));
    parts.push(
      `Subgraphs: ${list(category.subgraphs)}. Collections: ${list(category.collections)}. Recipients: ${list(category.recipients)}.`,
      '',
    );
    parts.push(
      table(
        ['Field', 'Subgraphs', 'Collections', 'Purposes', 'Legal basis', 'Retention', 'Erasure', 'Exported', 'Mask'],
        category.fields.map((field) => [
          `\`${field.coordinate}\``,
          list(field.subgraphs),
          list(field.collections),
          field.purposes.join(', '),
          field.basis,
          field.retention,
          field.erasure,
          field.exported ? 'yes' : 'no',
          field.mask,
        ]),
      ),
      '',
    );
  }
  parts.push('## Data subjects', '');
  parts.push(
    table(
      ['Type', 'Subject fields', 'Co-owned'],
      record.dataSubjects.map((subject) => [subject.typeName, subject.subjectFields.join(', '), subject.coOwned ? 'yes' : 'no']),
    ),
    '',
  );
  parts.push('## Processors', '');
  parts.push(
    record.processors.length === 0
      ? 'None declared.'
      : table(
          ['Processor', 'Purpose', 'Location'],
          record.processors.map((processor) => [processor.name, processor.purpose, processor.location ?? '—']),
        ),
    '',
  );
  return parts.join('\n');
}
