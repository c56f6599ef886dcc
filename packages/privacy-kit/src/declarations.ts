import {
  Kind,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type TypeNode,
} from 'graphql';
import { parseDuration, type Duration } from './duration.ts';
import { personalDirectiveNames } from './link-names.ts';
import { PersonalDeclarationError, type DeclarationProblem } from './declaration-problems.ts';
import { checkFieldShape, collectTypeKinds } from './field-shape.ts';
import {
  CATEGORIES,
  isCategory,
  isErasureStrategy,
  isLegalBasis,
  isMaskStrategy,
  isPurpose,
  type ErasureStrategy,
  type LegalBasis,
  type MaskStrategy,
  type PersonalDataCategory,
  type ProcessingPurpose,
} from './taxonomy.ts';

/** One field declared with `@personal`, validated and with its durations parsed. */
export interface PersonalFieldDeclaration {
  typeName: string;
  fieldName: string;
  /** `Type.field`. */
  coordinate: string;
  category: PersonalDataCategory;
  /** The category's dotted key, e.g. `user.contact.email`. */
  categoryKey: string;
  purposes: ProcessingPurpose[];
  basis: LegalBasis;
  mask: MaskStrategy;
  /** Null: kept while the account is active. */
  retention: Duration | null;
  erasure: ErasureStrategy;
  /** Set exactly when `erasure` is LEGAL_HOLD. */
  legalHoldFor: Duration | null;
  export: boolean;
  recipients: string[];
}

/** An object type's `@dataSubject`: the fields holding its subjects' user ids. */
export interface DataSubjectDeclaration {
  typeName: string;
  fields: string[];
  /** Owned by more than one person (e.g. a conversation between a client and a pro). */
  coOwned: boolean;
}

export interface PersonalDeclarations {
  fields: PersonalFieldDeclaration[];
  subjects: DataSubjectDeclaration[];
}

/** A subgraph or supergraph SDL, its parsed document, or an executable schema built from SDL. */
export type DeclarationSource = string | DocumentNode | GraphQLSchema;

function toDocument(source: DeclarationSource): DocumentNode {
  if (typeof source === 'string') return parse(source);
  if ('kind' in source) return source;
  const definitions: DefinitionNode[] = [];
  if (source.astNode) definitions.push(source.astNode);
  definitions.push(...source.extensionASTNodes);
  for (const type of Object.values(source.getTypeMap())) {
    if (type.astNode) definitions.push(type.astNode);
    definitions.push(...type.extensionASTNodes);
  }
  return { kind: Kind.DOCUMENT, definitions };
}

function argumentsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const argument of directive.arguments ?? []) args[argument.name.value] = valueFromASTUntyped(argument.value);
  return args;
}

function asStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

interface ObjectShape {
  subjectDirective: ConstDirectiveNode | undefined;
  fields: Map<string, FieldDefinitionNode>;
}

/** Object types and their extensions merged by name (a subgraph may `extend type User`). */
function collectObjects(document: DocumentNode, dataSubjectName: string): Map<string, ObjectShape> {
  const objects = new Map<string, ObjectShape>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const shape = objects.get(definition.name.value) ?? { subjectDirective: undefined, fields: new Map() };
    shape.subjectDirective ??= definition.directives?.find((d) => d.name.value === dataSubjectName);
    for (const field of definition.fields ?? []) shape.fields.set(field.name.value, field);
    objects.set(definition.name.value, shape);
  }
  return objects;
}

function readDuration(
  value: unknown,
  argument: string,
  coordinate: string,
  problems: DeclarationProblem[],
): Duration | null {
  if (value === undefined || value === null) return null;
  const duration = typeof value === 'string' ? parseDuration(value) : null;
  if (duration === null) {
    problems.push({
      code: 'INVALID_DURATION',
      coordinate,
      message: `${argument}: ${JSON.stringify(value)} is not an ISO-8601 duration (e.g. P12M, P6Y, P30D)`,
    });
  }
  return duration;
}

function readField(
  typeName: string,
  field: FieldDefinitionNode,
  directive: ConstDirectiveNode,
  problems: DeclarationProblem[],
): PersonalFieldDeclaration | null {
  const coordinate = `${typeName}.${field.name.value}`;
  const args = argumentsOf(directive);
  const before = problems.length;
  const { category, basis, mask, erasure } = args;
  const unknown = (code: DeclarationProblem['code'], what: string, value: unknown): void => {
    problems.push({ code, coordinate, message: `unknown ${what} ${JSON.stringify(value)}` });
  };
  if (typeof category !== 'string' || !isCategory(category)) unknown('UNKNOWN_CATEGORY', 'category', category);
  if (typeof basis !== 'string' || !isLegalBasis(basis)) unknown('UNKNOWN_LEGAL_BASIS', 'legal basis', basis);
  if (typeof mask !== 'string' || !isMaskStrategy(mask)) unknown('UNKNOWN_MASK', 'mask strategy', mask);
  if (typeof erasure !== 'string' || !isErasureStrategy(erasure)) unknown('UNKNOWN_ERASURE', 'erasure strategy', erasure);
  const purposes = asStringList(args.purposes);
  if (purposes.length === 0) problems.push({ code: 'NO_PURPOSE', coordinate, message: 'purposes must name at least one purpose' });
  for (const purpose of purposes) if (!isPurpose(purpose)) unknown('UNKNOWN_PURPOSE', 'purpose', purpose);
  const retention = readDuration(args.retention, 'retention', coordinate, problems);
  const legalHoldFor = readDuration(args.legalHoldFor, 'legalHoldFor', coordinate, problems);
  if (erasure === 'LEGAL_HOLD' && args.legalHoldFor == null) {
    problems.push({ code: 'LEGAL_HOLD_WITHOUT_DURATION', coordinate, message: 'erasure LEGAL_HOLD needs legalHoldFor (an ISO-8601 duration)' });
  }
  if (erasure !== 'LEGAL_HOLD' && args.legalHoldFor != null) {
    problems.push({ code: 'DURATION_WITHOUT_LEGAL_HOLD', coordinate, message: 'legalHoldFor is only meaningful with erasure LEGAL_HOLD' });
  }
  if (problems.length > before) return null;
  const validCategory = category as PersonalDataCategory;
  return {
    typeName,
    fieldName: field.name.value,
    coordinate,
    category: validCategory,
    categoryKey: CATEGORIES[validCategory].key,
    purposes: purposes as ProcessingPurpose[],
    basis: basis as LegalBasis,
    mask: mask as MaskStrategy,
    retention,
    erasure: erasure as ErasureStrategy,
    legalHoldFor,
    export: args.export !== false,
    recipients: asStringList(args.recipients),
  };
}

/** Declarations and problems, without throwing: for tools that report every problem at once. */
export function collectPersonalDeclarations(source: DeclarationSource): {
  declarations: PersonalDeclarations;
  problems: DeclarationProblem[];
} {
  const document = toDocument(source);
  const names = personalDirectiveNames(document);
  const typeKinds = collectTypeKinds(document);
  const problems: DeclarationProblem[] = [];
  const declarations: PersonalDeclarations = { fields: [], subjects: [] };
  for (const [typeName, shape] of collectObjects(document, names.dataSubject)) {
    if (shape.subjectDirective !== undefined) {
      const fields = asStringList(argumentsOf(shape.subjectDirective).fields);
      if (fields.length === 0) {
        problems.push({ code: 'EMPTY_DATA_SUBJECT', coordinate: typeName, message: '@dataSubject(fields: []) names no field' });
      }
      for (const name of fields) {
        if (!shape.fields.has(name)) {
          problems.push({ code: 'UNKNOWN_SUBJECT_FIELD', coordinate: typeName, message: `@dataSubject names "${name}", which is not a field of ${typeName}` });
        }
      }
      declarations.subjects.push({ typeName, fields, coOwned: fields.length > 1 });
    }
    for (const field of shape.fields.values()) {
      const directive = field.directives?.find((d) => d.name.value === names.personal);
      if (directive === undefined) continue;
      const declaration = readField(typeName, field, directive, problems);
      if (shape.subjectDirective === undefined) {
        problems.push({
          code: 'MISSING_DATA_SUBJECT',
          coordinate: `${typeName}.${field.name.value}`,
          message: `${typeName} has a personal field but no @dataSubject(fields: [...]) saying whose data it is`,
        });
      }
      if (declaration === null) continue;
      problems.push(...checkFieldShape(declaration, field.type as TypeNode, typeKinds));
      declarations.fields.push(declaration);
    }
  }
  problems.push(...personalOnInterfaces(document, names.personal));
  return { declarations, problems };
}

/** Interface fields resolve on their object types, so a declaration there would never apply. */
function personalOnInterfaces(document: DocumentNode, personalName: string): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.INTERFACE_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      if (!field.directives?.some((d) => d.name.value === personalName)) continue;
      problems.push({
        code: 'PERSONAL_ON_INTERFACE_FIELD',
        coordinate: `${definition.name.value}.${field.name.value}`,
        message: 'declare @personal on the field of each object type implementing the interface',
      });
    }
  }
  return problems;
}

/** The schema's personal-data declarations; throws `PersonalDeclarationError` listing every problem. */
export function readPersonalDeclarations(source: DeclarationSource): PersonalDeclarations {
  const { declarations, problems } = collectPersonalDeclarations(source);
  if (problems.length > 0) throw new PersonalDeclarationError(problems);
  return declarations;
}

/** The declarations indexed by type, then field, for resolvers and gateways. */
export function indexDeclarations(declarations: PersonalDeclarations): Map<string, Map<string, PersonalFieldDeclaration>> {
  const index = new Map<string, Map<string, PersonalFieldDeclaration>>();
  for (const field of declarations.fields) {
    const byField = index.get(field.typeName) ?? new Map<string, PersonalFieldDeclaration>();
    byField.set(field.fieldName, field);
    index.set(field.typeName, byField);
  }
  return index;
}
