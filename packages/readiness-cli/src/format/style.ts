import type { Level, Severity } from '@prodready/plugin-readiness-common';

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

/** ANSI styles that are no-ops when colour is off. */
export type Styles = Record<keyof typeof codes, (text: string) => string>;

/** Styles for the given colour setting. */
export function styles(color: boolean): Styles {
  const out = {} as Styles;
  for (const [name, [open, close]] of Object.entries(codes)) {
    out[name as keyof typeof codes] = color
      ? (text: string) => (text ? `\u001b[${open}m${text}\u001b[${close}m` : '')
      : (text: string) => text;
  }
  return out;
}

/** The colour of a level. */
export function levelStyle(s: Styles, level: Level): (text: string) => string {
  if (level === 'production-ready') return s.green;
  if (level === 'almost-ready') return s.yellow;
  return s.red;
}

/** The colour of a severity. */
export function severityStyle(
  s: Styles,
  severity: Severity,
): (text: string) => string {
  if (severity === 'critical') return t => s.bold(s.red(t));
  if (severity === 'high') return s.red;
  if (severity === 'medium') return s.yellow;
  return s.blue;
}

/** The colour of a 0-100 score. */
export function scoreStyle(s: Styles, score: number): (text: string) => string {
  if (score >= 80) return s.green;
  if (score >= 60) return s.yellow;
  return s.red;
}

/** A bar of `width` cells for a 0-100 score. */
export function bar(score: number, width: number): [string, string] {
  const filled = Math.round((Math.max(0, Math.min(100, score)) / 100) * width);
  return ['\u2588'.repeat(filled), '\u2591'.repeat(width - filled)];
}

/** Human words for a level. */
export function levelLabel(level: Level): string {
  return level.replace('-', ' ');
}

/** An evidence pointer as text: `path:line`. */
export function evidenceText(e: { path: string; line?: number }): string {
  return e.line !== undefined ? `${e.path}:${e.line}` : e.path;
}
