import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { Logger } from '@leadgraph/logging';
import { createFormatError } from './errors/format-error.ts';
import { limitRules, type Limits } from './limits/index.ts';

type DefenceOptions = Pick<
  ApolloServerOptions<BaseContext>,
  | 'validationRules'
  | 'parseOptions'
  | 'formatError'
  | 'introspection'
  | 'csrfPrevention'
  | 'allowBatchedHttpRequests'
  | 'hideSchemaDetailsFromClientErrors'
  | 'includeStacktraceInErrorResponses'
  | 'nodeEnv'
>;

/**
 * The Apollo Server options that protect the gateway, spelled out rather than left to
 * defaults that change with NODE_ENV: operation-shape limits (validation rules and the
 * parser's token limit), no field suggestions, no stack traces, introspection only outside
 * production, CSRF prevention, no HTTP batching, and error masking.
 */
export function defenceOptions(options: { limits: Limits; production: boolean; logger: Logger }): DefenceOptions {
  const { validationRules, parseOptions } = limitRules(options.limits);
  return {
    validationRules,
    parseOptions,
    formatError: createFormatError(options.logger),
    introspection: !options.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    nodeEnv: options.production ? 'production' : 'development',
  };
}
