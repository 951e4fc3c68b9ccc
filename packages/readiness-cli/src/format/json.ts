import { ReportInput } from './types';

/**
 * The scorecard exactly as the backend stores and serves it (the
 * `Scorecard` type of readiness-common, with its `schemaVersion`).
 */
export function formatJson(input: ReportInput): string {
  return JSON.stringify(input.scorecard, null, 2);
}
