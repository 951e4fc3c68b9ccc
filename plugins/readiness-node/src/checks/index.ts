import { ReadinessCheck } from '../api/check';

/** Every built-in check, in catalog order. @public */
export const builtinChecks: ReadinessCheck[] = [];
