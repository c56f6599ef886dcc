import { request } from 'undici';
import { IDENTITY_HEADER, serviceIdentity, signAssertion } from '@leadgraph/identity';
import type { Logger } from '@leadgraph/logging';
import { buildExportPlan, PERSONAL_EXPORT_SCOPE, type ExportPlan } from '@leadgraph/privacy-kit';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';

/** The result of one export: the plan it ran and the `dataSubject` object the gateway answered. */
export interface ExportResult {
  plan: ExportPlan;
  subject: Record<string, unknown>;
  /** With `partial`: how many errors the answer carried (their data is missing from `subject`). */
  errors: number;
}

/** Runs a person's data export (issue #6). */
export interface ExportRunner {
  /**
   * `partial`: accept an answer with errors and return what data came (the verification after an
   * erasure, where a subgraph may fail to show an erased value); by default any error fails it.
   */
  run(subjectId: string, options?: { partial?: boolean }): Promise<ExportResult>;
}

export interface ExportRunnerOptions {
  /** The gateway's GraphQL endpoint (`GATEWAY_URL`); a function so a test platform can fill it in later. */
  gatewayUrl: () => string;
  /** The composed supergraph the query is generated from. */
  supergraphSdl: () => string;
  signingKey: string;
  logger: Logger;
  /** Default 60 s: the export of a busy account is one large response. */
  timeoutMs?: number;
}

interface GraphQLAnswer {
  data?: { dataSubject?: Record<string, unknown> | null } | null;
  errors?: Array<{ extensions?: { code?: unknown; serviceName?: unknown } }>;
}

/**
 * The export as ONE federated query through the gateway: generated from the supergraph once
 * (privacy-kit `buildExportPlan`), run with this subgraph's service identity carrying
 * `personal:export` (the gateway forwards it instead of a cookie; every subgraph shows the values
 * in clear, reason EXPORT). Any error fails the whole export (an incomplete copy is not an
 * answer to an access request); the log keeps the codes and subgraphs, never values.
 */
export function createExportRunner(options: ExportRunnerOptions): ExportRunner {
  let plan: ExportPlan | undefined;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const failed = (event: string, details: Record<string, unknown>) => {
    options.logger.warn({ event, ...details }, 'data export failed');
    return new PrivacyError(PrivacyErrorCode.ExportFailed, 'The data export could not be run now; nothing was changed. Try again shortly.');
  };
  return {
    async run(subjectId, runOptions = {}) {
      plan ??= buildExportPlan(options.supergraphSdl());
      const token = signAssertion(serviceIdentity('privacy', [PERSONAL_EXPORT_SCOPE]), options.signingKey, 60);
      let answer: GraphQLAnswer;
      let status = 0;
      try {
        const response = await request(options.gatewayUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
          body: JSON.stringify({ query: plan.query, operationName: plan.operationName, variables: { id: subjectId } }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        status = response.statusCode;
        answer = (await response.body.json()) as GraphQLAnswer;
      } catch (error) {
        throw failed('privacy.export_unreachable', { code: (error as { code?: string }).code ?? 'UNKNOWN' });
      }
      const errors = answer.errors?.length ?? 0;
      if (errors > 0) {
        const codes = answer.errors!.map((e) => `${String(e.extensions?.serviceName ?? '')}:${String(e.extensions?.code ?? 'UNKNOWN')}`);
        if (runOptions.partial !== true) throw failed('privacy.export_errors', { status, codes });
        options.logger.warn({ event: 'privacy.export_partial', status, codes }, 'data export answered with errors');
      }
      const subject = answer.data?.dataSubject;
      if (subject === undefined || subject === null) {
        if (runOptions.partial === true && errors > 0) return { plan, subject: {}, errors };
        throw failed('privacy.export_no_data', { status });
      }
      return { plan, subject, errors };
    },
  };
}
