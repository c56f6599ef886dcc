import { GraphQLError, type ValidationRule } from 'graphql';
import { LIMIT_CODES } from './limits.ts';
import { sumOverOperation } from './walk.ts';

/** Rejects an operation with more than `max` aliases (a fragment counts once per spread). */
export function maxAliasesRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const aliases = sumOverOperation(context, operation, (node) =>
        node.kind === 'Field' && node.alias ? 1 : 0,
      );
      if (aliases > max) {
        context.reportError(
          new GraphQLError(`Operation has ${aliases} aliases; the maximum is ${max}.`, {
            nodes: [operation],
            extensions: { code: LIMIT_CODES.maxAliases },
          }),
        );
      }
      return false;
    },
  });
}
