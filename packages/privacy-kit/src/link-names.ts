import { Kind, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { PERSONAL_SPEC_NAME, PERSONAL_SPEC_URL } from './spec.ts';

/** The names the two directives go by in one schema, after its @link imports and renames. */
export interface PersonalDirectiveNames {
  personal: string;
  dataSubject: string;
}

const SPEC_PREFIX = PERSONAL_SPEC_URL.slice(0, PERSONAL_SPEC_URL.lastIndexOf('/') + 1);

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((arg) => arg.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** `@personal` and `@dataSubject`'s local names, from the schema's `@link` to the spec. */
function namesFromLink(link: ConstDirectiveNode): PersonalDirectiveNames {
  const namespace = stringArgument(link, 'as') ?? PERSONAL_SPEC_NAME;
  // Not imported: the spec's own directive is `@<namespace>`, the others `@<namespace>__name`.
  const names: PersonalDirectiveNames = { personal: namespace, dataSubject: `${namespace}__dataSubject` };
  const imports = link.arguments?.find((arg) => arg.name.value === 'import')?.value;
  if (imports?.kind !== Kind.LIST) return names;
  for (const entry of imports.values) {
    let name: string | undefined;
    let alias: string | undefined;
    if (entry.kind === Kind.STRING) {
      name = entry.value;
    } else if (entry.kind === Kind.OBJECT) {
      for (const field of entry.fields) {
        if (field.value.kind !== Kind.STRING) continue;
        if (field.name.value === 'name') name = field.value.value;
        if (field.name.value === 'as') alias = field.value.value;
      }
    }
    if (name === '@personal') names.personal = (alias ?? name).slice(1);
    if (name === '@dataSubject') names.dataSubject = (alias ?? name).slice(1);
  }
  return names;
}

/**
 * Reads the schema definition and extensions for `@link(url: "https://leadgraph.dev/personal/v…")`.
 * Without such a link (plain SDL that defines the directives itself) the names are the defaults.
 */
export function personalDirectiveNames(document: DocumentNode): PersonalDirectiveNames {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = stringArgument(directive, 'url');
      if (url?.startsWith(SPEC_PREFIX) === true) return namesFromLink(directive);
    }
  }
  return { personal: 'personal', dataSubject: 'dataSubject' };
}
