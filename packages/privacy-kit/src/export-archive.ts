import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ExportField, ExportPlan } from './export-query.ts';
import { walkExport, type ExportedObject } from './export-values.ts';
import { CATEGORIES, LEGAL_BASIS_DESCRIPTIONS, PURPOSES } from './taxonomy.ts';
import { WHILE_ACTIVE } from './record-of-processing.ts';

/**
 * The archive a data subject downloads after an ACCESS request (right of access and
 * portability: "a common electronic format"), one zip:
 * - `data.json`: the export exactly as the API returns it (the GraphQL shape);
 * - `csv/<Type>.csv`: one table per type, one row per object, `_location` saying where it sits
 *   in `data.json`; references to other records are their ids;
 * - `summary.html`: readable by anyone: per field holding personal data, what it is, why we
 *   process it (purposes), on which legal basis, how long we keep it, what an erasure does, who
 *   receives it; then the register of processors and the statement that data is never sold.
 */

export interface ArchiveProcessor {
  name: string;
  purpose: string;
  dataCategories: readonly string[];
  country: string;
  safeguard: string;
}

export interface ExportArchiveInput {
  plan: ExportPlan;
  /** The `dataSubject` object of the export result. */
  subject: unknown;
  subjectId: string;
  generatedAt: Date;
  processors: readonly ArchiveProcessor[];
  personalDataSold: boolean;
  /** The register's statement ("We never sell personal data…"). */
  statement: string;
  /** Who answers questions about the export (controller name and contact). */
  controller?: { name: string; contact: string };
}

export const ARCHIVE_FORMAT = 'leadgraph-export/v1';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula is prefixed with `'`. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))).join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n;']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellValue(field: ExportField, value: unknown): unknown {
  if (field.kind !== 'REFERENCE') return value;
  const idOf = (item: unknown) => (typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : item);
  return Array.isArray(value) ? value.map(idOf) : idOf(value);
}

/** `csv/<Type>.csv` for every type met in the export: columns in plan order, objects in document order. */
export function exportCsvFiles(plan: ExportPlan, subject: unknown): Map<string, string> {
  const byType = new Map<string, ExportedObject[]>();
  walkExport(plan, subject, {
    onObject: (object) => {
      const list = byType.get(object.typeName) ?? [];
      list.push(object);
      byType.set(object.typeName, list);
    },
  });
  const files = new Map<string, string>();
  for (const [typeName, objects] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const columns = plan.fields.filter(
      (field) => field.coordinate.startsWith(`${typeName}.`) && field.kind !== 'OBJECT',
    );
    const names = [...new Set(columns.map((field) => field.coordinate.slice(typeName.length + 1)))];
    const rows = [['_location', ...names.map((name) => (columns.find((c) => c.path.at(-1) === name)?.kind === 'REFERENCE' ? `${name}.id` : name))].map(csvCell).join(',')];
    // The subject's own row (DataSubject) is where `data.json` starts.
    for (const object of objects) {
      const cells = new Map(object.values.map(({ field, value }) => [field.path.at(-1)!, cellValue(field, value)]));
      rows.push([object.location === '' ? '$' : object.location, ...names.map((name) => cells.get(name))].map(csvCell).join(','));
    }
    files.set(`csv/${typeName}.csv`, `${rows.join('\r\n')}\r\n`);
  }
  return files;
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** The readable summary: every personal field of the export explained, then processors. */
export function exportSummaryHtml(input: ExportArchiveInput): string {
  const counts = new Map<string, number>();
  walkExport(input.plan, input.subject, {
    onValue: ({ declaration }) => counts.set(declaration.coordinate, (counts.get(declaration.coordinate) ?? 0) + 1),
  });
  const declared = new Map(
    input.plan.fields.filter((field) => field.personal !== null).map((field) => [field.coordinate, field]),
  );
  const rows = [...declared.values()]
    .sort((a, b) => a.coordinate.localeCompare(b.coordinate))
    .map((field) => {
      const d = field.personal!;
      const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;
      return `<tr>${[
        `${d.coordinate}${field.description === null ? '' : ` — ${field.description}`}`,
        `${CATEGORIES[d.category].description} (${d.categoryKey})`,
        d.purposes.map((purpose) => PURPOSES[purpose]).join(' '),
        LEGAL_BASIS_DESCRIPTIONS[d.basis],
        d.retention?.text ?? WHILE_ACTIVE,
        d.erasure === 'LEGAL_HOLD' ? `kept ${d.legalHoldFor?.text ?? ''} after an erasure request, as the law requires, then deleted` : d.erasure === 'ANONYMIZE' ? 'anonymised on erasure' : 'deleted on erasure',
        d.recipients.length === 0 ? 'nobody else' : d.recipients.join('; '),
        String(counts.get(d.coordinate) ?? 0),
      ].map(cell).join('')}</tr>`;
    })
    .join('\n');
  const processors = input.processors
    .map((p) => `<tr>${[p.name, p.purpose, p.dataCategories.join(', '), p.country, p.safeguard].map((t) => `<td>${escapeHtml(t)}</td>`).join('')}</tr>`)
    .join('\n');
  const controller = input.controller === undefined ? '' : `<p>Questions: ${escapeHtml(input.controller.name)}, ${escapeHtml(input.controller.contact)}.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your data export</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}th{background:#f3f3f3}</style>
</head><body>
<h1>Your data export</h1>
<p>Generated ${escapeHtml(input.generatedAt.toISOString())} for account ${escapeHtml(input.subjectId)}.
<code>data.json</code> holds every value as our API returns it; <code>csv/</code> holds one table per kind of record.</p>
${controller}
<h2>What we hold about you, and why</h2>
<table><thead><tr><th>Field</th><th>Kind of data</th><th>Purposes</th><th>Legal basis</th><th>How long we keep it</th><th>On erasure</th><th>Who else receives it</th><th>Values in this export</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Service providers processing your data for us</h2>
<table><thead><tr><th>Provider</th><th>What it does</th><th>Data it receives</th><th>Where</th><th>Transfer safeguard</th></tr></thead>
<tbody>
${processors}
</tbody></table>
<p>${escapeHtml(input.statement)}${input.personalDataSold ? '' : ' Personal data sold: no.'}</p>
</body></html>
`;
}

/** The zip: `data.json`, `csv/<Type>.csv`, `summary.html`. */
export function buildExportArchive(input: ExportArchiveInput): Uint8Array {
  const mtime = input.generatedAt;
  const json = {
    format: ARCHIVE_FORMAT,
    generatedAt: input.generatedAt.toISOString(),
    subjectId: input.subjectId,
    data: { [input.plan.rootField]: input.subject },
  };
  const files: Zippable = {
    'data.json': [strToU8(JSON.stringify(json, null, 2)), { mtime }],
    'summary.html': [strToU8(exportSummaryHtml(input)), { mtime }],
  };
  for (const [name, text] of exportCsvFiles(input.plan, input.subject)) files[name] = [strToU8(text), { mtime }];
  return zipSync(files, { level: 6 });
}

/** The `data.json` text of an archive built by `buildExportArchive` (for a download's `json`). */
export function readArchiveJson(archive: Uint8Array): string {
  const files = unzipSync(archive, { filter: (file) => file.name === 'data.json' });
  const json = files['data.json'];
  if (json === undefined) throw new Error('The archive has no data.json');
  return strFromU8(json);
}

/** Every file of an archive as text, by name (for tools and tests reading an export back). */
export function readArchiveFiles(archive: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(archive)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}
