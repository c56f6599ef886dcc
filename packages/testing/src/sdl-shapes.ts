import { Kind, parse } from 'graphql';

/**
 * Each object and enum type's directives and members (federation's own `_` fields left out),
 * sorted: what a subgraph serves through `_service { sdl }` is compared with its SDL file
 * this way, whatever the printer's order and formatting.
 */
export function sdlTypeShapes(sdl: string): Record<string, string[]> {
  const shapes: Record<string, string[]> = {};
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    const members = def.kind === Kind.OBJECT_TYPE_DEFINITION ? def.fields : def.values;
    const directives = (def.directives ?? []).map((d) => `@${d.name.value}`);
    const names = (members ?? []).map((m) => m.name.value).filter((n) => !n.startsWith('_'));
    shapes[def.name.value] = [...directives, ...names].sort();
  }
  return shapes;
}
