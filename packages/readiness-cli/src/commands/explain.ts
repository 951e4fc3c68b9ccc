import { checkDefinition } from '@prodready/plugin-readiness-node';
import type { CheckDefinition } from '@prodready/plugin-readiness-common';
import { unknownCheck } from '../catalog';
import { EXIT } from '../errors';
import { colorEnabled, writeOutput } from '../output';
import { severityStyle, styles } from '../format/style';
import { wrap } from '../format/table';
import { CatalogOptions, checkCatalog } from './checks';

/** Renders one check's description, rationale and remediation. */
export function explainText(
  def: CheckDefinition,
  disabled: boolean,
  color: boolean,
  width: number,
): string {
  const s = styles(color);
  const out = [
    `${s.bold(def.title)}  ${s.gray(`[${def.id}]`)}`,
    s.gray(
      `${def.category} · ${severityStyle(
        s,
        def.severity,
      )(def.severity)} · weight ${def.weight} · effort ${def.effort} · ${
        def.scope
      } check · ${def.origin}${
        disabled ? ' · disabled by readiness.checks.disabled' : ''
      }`,
    ),
    '',
    s.bold('What it looks for'),
    ...wrap(def.description, width, '  '),
    '',
    s.bold('Why it matters'),
    ...wrap(def.rationale, width, '  '),
    '',
    s.bold('How to fix it'),
    ...wrap(`${def.remediation} (effort ${def.effort})`, width, '  '),
  ];
  return out.join('\n');
}

/** `readiness explain CHECK_ID`: returns the exit code. */
export async function explainCommand(
  id: string,
  options: CatalogOptions,
): Promise<number> {
  const { checks, settings } = await checkCatalog(options.config);
  const check = checks.find(c => c.id === id);
  if (!check)
    unknownCheck(
      id,
      checks.map(c => c.id),
      '',
    );
  const disabled = settings.disabledChecks.includes(id);
  // A disabled check is not in the engine, but can still be explained.
  const def: CheckDefinition = checkDefinition(check, settings);
  const text =
    options.format === 'json'
      ? JSON.stringify({ ...def, disabled }, null, 2)
      : explainText(
          def,
          disabled,
          colorEnabled(process.stdout),
          Math.max(60, Math.min(process.stdout.columns ?? 100, 100)),
        );
  await writeOutput(text);
  return EXIT.ok;
}
