/** Shared mingo configuration. */
import { Context, ProcessingMode } from 'mingo';
import type { Options } from 'mingo/types';

export const MINGO_OPTIONS: Partial<Options> = {
  idKey: '_id',
  useStrictMode: true,
  scriptEnabled: false,
  processingMode: ProcessingMode.CLONE_OFF,
};

export { Context };
