import type {
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';

/**
 * Sums `own(node)` over every selection of an operation, expanding each fragment spread into
 * the fragment (its definition and its selections), so a fragment used ten times counts ten times (that is how a
 * hostile query multiplies work). Each fragment's total is computed once; a fragment cycle
 * counts as 0 here because `NoFragmentCyclesRule` already rejects it.
 */
export function sumOverOperation(
  context: ValidationContext,
  operation: OperationDefinitionNode,
  own: (node: SelectionNode | FragmentDefinitionNode) => number,
): number {
  const fragmentTotals = new Map<string, number>();
  const visiting = new Set<string>();

  const sumSet = (set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      total += own(selection);
      if (selection.kind === 'FragmentSpread') {
        total += fragmentTotal(selection.name.value);
      } else if (selection.selectionSet) {
        total += sumSet(selection.selectionSet);
      }
    }
    return total;
  };

  const fragmentTotal = (name: string): number => {
    const known = fragmentTotals.get(name);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const total = own(fragment) + sumSet(fragment.selectionSet);
    visiting.delete(name);
    fragmentTotals.set(name, total);
    return total;
  };

  return sumSet(operation.selectionSet);
}

/**
 * The deepest nesting of fields in an operation, fragments expanded: a field adds one level,
 * an inline fragment or a spread adds none.
 */
export function operationDepth(context: ValidationContext, operation: OperationDefinitionNode): number {
  const fragmentDepths = new Map<string, number>();
  const visiting = new Set<string>();

  const depthOfSet = (set: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      let depth: number;
      if (selection.kind === 'Field') {
        depth = 1 + (selection.selectionSet ? depthOfSet(selection.selectionSet) : 0);
      } else if (selection.kind === 'InlineFragment') {
        depth = depthOfSet(selection.selectionSet);
      } else {
        depth = fragmentDepth(selection.name.value);
      }
      if (depth > deepest) deepest = depth;
    }
    return deepest;
  };

  const fragmentDepth = (name: string): number => {
    const known = fragmentDepths.get(name);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const depth = depthOfSet(fragment.selectionSet);
    visiting.delete(name);
    fragmentDepths.set(name, depth);
    return depth;
  };

  return depthOfSet(operation.selectionSet);
}
