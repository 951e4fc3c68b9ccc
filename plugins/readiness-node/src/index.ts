/**
 * The Readiness check API, audit engine and built-in checks, shared by the
 * backend plugin and the `readiness` CLI.
 *
 * @packageDocumentation
 */
export * from './api/check';
export * from './snapshot/RepositorySnapshot';
export * from './snapshot/InMemorySnapshot';
export * from './snapshot/LocalFolderSnapshot';
export { locateLocalFolder } from './snapshot/localFolders';
export type { LocatedFolder } from './snapshot/localFolders';
export * from './facts/RepoView';
export * from './facts/paths';
export * from './facts/docs';
export * from './facts/dependencies';
export * from './facts/ci';
export * from './facts/kubernetes';
export * from './facts/docker';
export * from './facts/classify';
export * from './facts/redact';
export * from './audit/AuditEngine';
export * from './audit/settings';
export * from './audit/entityFacts';
export { AuditWorkerPool } from './audit/workers/AuditWorkerPool';
export type { AuditWorkerPoolOptions } from './audit/workers/AuditWorkerPool';
export type { AuditFolderRequest, AuditFolderResult, AuditWorkerData, ScorecardHead } from './audit/workers/protocol';
export { runAuditWorker } from './audit/workers/auditWorker';
export * from './extensionPoint';
export { builtinChecks } from './checks';
export { readCustomChecks } from './custom/customChecks';
export type { CustomCheck, FileContainsLimits } from './custom/customChecks';
