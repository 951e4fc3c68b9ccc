import type {
  CheckDefinition,
  Scorecard,
} from '@prodready/plugin-readiness-common';

/** The output formats of `readiness audit`. */
export const FORMATS = ['table', 'json', 'markdown', 'sarif'] as const;

/** @see FORMATS */
export type Format = (typeof FORMATS)[number];

/** What a report is made from. */
export interface ReportInput {
  scorecard: Scorecard;
  /** The checks that ran, with their texts. */
  definitions: CheckDefinition[];
  /** Absolute path of the repository root. */
  root: string;
  /** The catalog file the entity came from (root-relative when inside the root). */
  entityFile?: string;
  /** Things the reader should know: skipped files, a truncated listing, ignored files. */
  notes: string[];
  /** Every file path the snapshot listed, root-relative (for SARIF's fallback location). */
  paths: readonly string[];
  toolVersion: string;
  /** ANSI colours (table only). */
  color: boolean;
  /** Line width to wrap at (table only). */
  width: number;
}

/** Turns a scorecard into text. */
export type Formatter = (input: ReportInput) => string;
