import { Kind, type DocumentNode, type TypeNode } from 'graphql';
import type { DeclarationProblem } from './declaration-problems.ts';
import type { MaskStrategy } from './taxonomy.ts';

/** What a named type is, and an object's field names (for ADDRESS_TO_CITY's `city`). */
export interface TypeShape {
  kind: 'SCALAR' | 'OBJECT' | 'OTHER';
  fields: Set<string>;
}

const BUILT_IN: Record<string, TypeShape> = {
  String: { kind: 'SCALAR', fields: new Set() },
  ID: { kind: 'SCALAR', fields: new Set() },
  Int: { kind: 'OTHER', fields: new Set() },
  Float: { kind: 'OTHER', fields: new Set() },
  Boolean: { kind: 'OTHER', fields: new Set() },
};

/** Named types of the document: scalars that can hold a masked string, objects, and the rest. */
export function collectTypeKinds(document: DocumentNode): Map<string, TypeShape> {
  const kinds = new Map<string, TypeShape>(Object.entries(BUILT_IN));
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.SCALAR_TYPE_DEFINITION:
        kinds.set(definition.name.value, { kind: 'SCALAR', fields: new Set() });
        break;
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION: {
        const shape = kinds.get(definition.name.value) ?? { kind: 'OBJECT', fields: new Set<string>() };
        for (const field of definition.fields ?? []) shape.fields.add(field.name.value);
        kinds.set(definition.name.value, shape);
        break;
      }
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
        kinds.set(definition.name.value, { kind: 'OTHER', fields: new Set() });
        break;
      default:
        break;
    }
  }
  return kinds;
}

interface Unwrapped {
  nullable: boolean;
  list: boolean;
  itemNullable: boolean;
  named: string;
}

function unwrap(type: TypeNode): Unwrapped {
  let current = type;
  const nullable = current.kind !== Kind.NON_NULL_TYPE;
  if (current.kind === Kind.NON_NULL_TYPE) current = current.type;
  if (current.kind !== Kind.LIST_TYPE) return { nullable, list: false, itemNullable: nullable, named: current.name.value };
  current = current.type;
  const itemNullable = current.kind !== Kind.NON_NULL_TYPE;
  while (current.kind !== Kind.NAMED_TYPE) current = current.type;
  return { nullable, list: true, itemNullable, named: current.name.value };
}

/** Masks whose masked form is a string. */
const STRING_MASKS: ReadonlySet<MaskStrategy> = new Set(['EMAIL', 'PHONE', 'NAME_INITIAL', 'LAST4', 'REDACT']);

/**
 * Whether the field's type can hold what its mask produces: a string for the string masks,
 * null for NULL (the whole value) and for ADDRESS_TO_CITY on free text (each item), an
 * object with a `city` field for ADDRESS_TO_CITY on a structured address.
 */
export function checkFieldShape(
  declaration: { coordinate: string; mask: MaskStrategy },
  type: TypeNode,
  kinds: Map<string, TypeShape>,
): DeclarationProblem[] {
  const { coordinate, mask } = declaration;
  const shape = unwrap(type);
  const named = kinds.get(shape.named);
  const problems: DeclarationProblem[] = [];
  const mismatch = (message: string): void => {
    problems.push({ code: 'MASK_TYPE_MISMATCH', coordinate, message });
  };
  if (STRING_MASKS.has(mask) && named !== undefined && named.kind !== 'SCALAR') {
    mismatch(`mask ${mask} produces a string, but the field's type is ${shape.named}`);
  }
  if (mask === 'NULL' && !shape.nullable) {
    problems.push({ code: 'MASK_NEEDS_NULLABLE_FIELD', coordinate, message: 'mask NULL needs a nullable field' });
  }
  if (mask === 'ADDRESS_TO_CITY' && named?.kind === 'OBJECT' && !named.fields.has('city')) {
    mismatch(`mask ADDRESS_TO_CITY needs a "city" field on ${shape.named}`);
  }
  if (mask === 'ADDRESS_TO_CITY' && named?.kind === 'OTHER') {
    mismatch(`mask ADDRESS_TO_CITY needs an address object or a string, not ${shape.named}`);
  }
  if (mask === 'ADDRESS_TO_CITY' && named?.kind !== 'OBJECT' && !shape.itemNullable) {
    problems.push({
      code: 'MASK_NEEDS_NULLABLE_FIELD',
      coordinate,
      message: 'mask ADDRESS_TO_CITY turns a free-text address into null, so the field (or its items) must be nullable',
    });
  }
  return problems;
}
