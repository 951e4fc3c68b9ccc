import { CATEGORIES } from '@prodready/plugin-readiness-common';
import type { CheckDefinition } from '@prodready/plugin-readiness-common';
import { createEngine, loadChecks } from '../catalog';
import { loadConfig } from '../config';
import { EXIT } from '../errors';
import { colorEnabled, writeOutput } from '../output';
import { severityStyle, styles } from '../format/style';

/** Options of `readiness checks` and `readiness explain`. */
export interface CatalogOptions {
  config?: string[];
  format?: 'table' | 'json' | 'text';
}

/** The check catalog in force: built-in and custom checks, minus the disabled ones. */
export async function checkCatalog(configFiles: string[] = []) {
  const config = await loadConfig(configFiles);
  const checks = loadChecks(config.readiness, config.files);
  const engine = createEngine(checks, config.readiness, config.files);
  return { checks, engine, settings: engine.settings };
}

function sortByCategory(defs: CheckDefinition[]): CheckDefinition[] {
  const order = new Map(CATEGORIES.map((c, i) => [c.id, i]));
  return [...defs].sort(
    (a, b) => (order.get(a.category) ?? 99) - (order.get(b.category) ?? 99),
  );
}

/** Renders the catalog as an aligned table. */
export function checksTable(defs: CheckDefinition[], color: boolean): string {
  const s = styles(color);
  const rows = sortByCategory(defs).map(d => [
    d.id,
    d.category,
    d.severity,
    String(d.weight),
    d.scope,
    d.origin,
    d.title,
  ]);
  const header = [
    'ID',
    'CATEGORY',
    'SEVERITY',
    'WEIGHT',
    'SCOPE',
    'ORIGIN',
    'TITLE',
  ];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[], style?: (c: string, i: number) => string) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i]);
        return style ? style(padded, i) : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [s.bold(line(header))];
  rows.forEach((r, n) =>
    out.push(
      line(r, (c, i) =>
        i === 2
          ? severityStyle(s, defs.find(d => d.id === rows[n][0])!.severity)(c)
          : c,
      ),
    ),
  );
  out.push(
    '',
    s.gray(
      `${defs.length} checks in force. 'readiness explain <id>' describes one.`,
    ),
  );
  return out.join('\n');
}

/** `readiness checks`: returns the exit code. */
export async function checksCommand(options: CatalogOptions): Promise<number> {
  const { engine } = await checkCatalog(options.config);
  const defs = engine.definitions();
  const text =
    options.format === 'json'
      ? JSON.stringify(sortByCategory(defs), null, 2)
      : checksTable(defs, colorEnabled(process.stdout));
  await writeOutput(text);
  return EXIT.ok;
}
