import { GraphQLError, type ValidationRule } from 'graphql';
import { LIMIT_CODES } from './limits.ts';
import { operationDepth } from './walk.ts';

/** Rejects an operation whose fields nest deeper than `max` (fragments expanded). */
export function maxDepthRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const depth = operationDepth(context, operation);
      if (depth > max) {
        context.reportError(
          new GraphQLError(`Query depth ${depth} exceeds the maximum of ${max}.`, {
            nodes: [operation],
            extensions: { code: LIMIT_CODES.maxDepth },
          }),
        );
      }
      return false;
    },
  });
}
