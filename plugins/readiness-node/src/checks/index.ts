import { ReadinessCheck } from '../api/check';
import { catalogChecks } from './catalog';
import { cicdChecks } from './cicd';
import { configurationChecks } from './configuration';
import { containerizationChecks } from './containerization';
import { dataChecks } from './data';
import { disasterRecoveryChecks } from './disasterRecovery';
import { documentationChecks } from './documentation';
import { errorHandlingChecks } from './errorHandling';
import { healthChecks } from './health';
import { infrastructureChecks } from './infrastructure';
import { observabilityChecks } from './observability';
import { operationsChecks } from './operations';
import { rollbackChecks } from './rollback';
import { securityChecks } from './security';
import { testingChecks } from './testing';

/** Every built-in check, in the order of the check catalog. @public */
export const builtinChecks: ReadinessCheck[] = [
  ...containerizationChecks,
  ...infrastructureChecks,
  ...cicdChecks,
  ...testingChecks,
  ...documentationChecks,
  ...rollbackChecks,
  ...healthChecks,
  ...observabilityChecks,
  ...securityChecks,
  ...disasterRecoveryChecks,
  ...operationsChecks,
  ...configurationChecks,
  ...dataChecks,
  ...errorHandlingChecks,
  ...catalogChecks,
];
