import { GraphQLError, type ValidationRule } from 'graphql';
import { LIMIT_CODES } from './limits.ts';
import { sumOverOperation } from './walk.ts';

/**
 * Rejects an operation with more than `max` directives: on the operation, its variables, its
 * fields and fragments (a fragment's directives count once per spread).
 */
export function maxDirectivesRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const onOperation =
        (operation.directives?.length ?? 0) +
        (operation.variableDefinitions ?? []).reduce((n, v) => n + (v.directives?.length ?? 0), 0);
      const directives =
        onOperation + sumOverOperation(context, operation, (node) => node.directives?.length ?? 0);
      if (directives > max) {
        context.reportError(
          new GraphQLError(`Operation has ${directives} directives; the maximum is ${max}.`, {
            nodes: [operation],
            extensions: { code: LIMIT_CODES.maxDirectives },
          }),
        );
      }
      return false;
    },
  });
}
