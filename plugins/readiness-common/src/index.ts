/**
 * Types, permissions and scoring shared by the Readiness plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './categories';
export * from './scoring';
export * from './permissions';
export * from './api';
