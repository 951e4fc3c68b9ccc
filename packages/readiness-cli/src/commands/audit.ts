import {
  DEFAULT_SNAPSHOT_LIMITS,
  LocalFolderSnapshot,
  SkippedFile,
  SnapshotLimits,
  readEngineSettings,
} from '@prodready/plugin-readiness-node';
import type { Level, Scorecard } from '@prodready/plugin-readiness-common';
import {
  createEngine,
  loadChecks,
  parseIdList,
  selectChecks,
  withoutCatalog,
} from '../catalog';
import { asConfigError, loadConfig } from '../config';
import { loadEntity } from '../entity';
import { EXIT, UsageError } from '../errors';
import { colorEnabled, writeOutput } from '../output';
import { resolveLocation } from '../root';
import { Format, ReportInput } from '../format/types';
import { loadFormatter } from '../format';
import { cliVersion } from '../version';

/** Levels `--fail-on-level` accepts. */
export const GATE_LEVELS = ['needs-work', 'almost-ready'] as const;

/** Options of `readiness audit`, as commander parses them. */
export interface AuditOptions {
  root?: string;
  entity?: string;
  name?: string;
  type: string;
  config?: string[];
  checks?: string[];
  skip?: string[];
  format?: Format;
  output?: string;
  failUnder?: number;
  failOnLevel?: (typeof GATE_LEVELS)[number];
}

/** The format named by `--format`, else guessed from the `--output` file name, else table. */
export function resolveFormat(format?: Format, output?: string): Format {
  if (format) return format;
  const name = output?.toLocaleLowerCase('en-US') ?? '';
  if (/\.sarif(\.json)?$/.test(name)) return 'sarif';
  if (name.endsWith('.json')) return 'json';
  if (/\.(md|markdown)$/.test(name)) return 'markdown';
  return 'table';
}

function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

const REASONS: Record<SkippedFile['reason'], (l: SnapshotLimits) => string> = {
  'too-large': l => `over the ${bytes(l.maxFileBytes)} size cap, not read`,
  binary: () => 'binary, not read',
  budget: l => `past the ${bytes(l.maxTotalBytes)} read budget, not read`,
  'symlink-outside-root': () =>
    'symbolic link out of the repository root, not followed',
};

/** One note per skip reason, naming a few of the files. */
export function describeSkipped(
  skipped: readonly SkippedFile[],
  limits: SnapshotLimits,
): string[] {
  const byReason = new Map<SkippedFile['reason'], string[]>();
  for (const s of skipped) {
    const list = byReason.get(s.reason) ?? [];
    list.push(s.path);
    byReason.set(s.reason, list);
  }
  return [...byReason.entries()].map(([reason, paths]) => {
    const shown = paths.slice(0, 5).join(', ');
    const more = paths.length > 5 ? ` and ${paths.length - 5} more` : '';
    return `${paths.length} file${paths.length === 1 ? '' : 's'} ${REASONS[
      reason
    ](limits)}: ${shown}${more}`;
  });
}

/** Why the audit falls short of the gate, or undefined when it passes. */
export function gateFailure(
  scorecard: Pick<Scorecard, 'score' | 'level'>,
  options: Pick<AuditOptions, 'failUnder' | 'failOnLevel'>,
): string | undefined {
  const reasons: string[] = [];
  if (options.failUnder !== undefined && scorecard.score < options.failUnder) {
    reasons.push(
      `score ${scorecard.score} is below --fail-under ${options.failUnder}`,
    );
  }
  if (options.failOnLevel) {
    const order: Level[] = ['needs-work', 'almost-ready', 'production-ready'];
    if (order.indexOf(scorecard.level) <= order.indexOf(options.failOnLevel)) {
      reasons.push(
        `level ${scorecard.level} is at or below --fail-on-level ${options.failOnLevel}`,
      );
    }
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** `readiness audit [PATH]`: returns the exit code. */
export async function auditCommand(
  path: string | undefined,
  options: AuditOptions,
): Promise<number> {
  const format = resolveFormat(options.format, options.output);
  // Inputs first, cheapest first: nothing is listed before they are valid.
  const config = await loadConfig(options.config ?? []);
  const settings = asConfigError(
    () => readEngineSettings(config.readiness),
    config.files,
  );
  const all = loadChecks(config.readiness, config.files);
  let checks = selectChecks(
    all,
    parseIdList(options.checks),
    parseIdList(options.skip),
  );
  const location = await resolveLocation(path ?? '.', options.root);
  const limits: SnapshotLimits = { ...DEFAULT_SNAPSHOT_LIMITS };
  const snapshot = await LocalFolderSnapshot.create(location.root, {
    entityPath: location.entityPath,
    limits,
  });
  const loaded = await loadEntity({
    snapshot,
    root: location.root,
    folder: location.folder,
    entityPath: location.entityPath,
    limits,
    entityFile: options.entity,
    name: options.name,
    type: options.type,
  });
  if (!loaded.fromFile) checks = withoutCatalog(checks);
  const engine = createEngine(checks, config.readiness, config.files);
  const scorecard = await engine.audit({
    entity: loaded.entity,
    snapshot,
    source: { location: location.entityPath || '.' },
  });

  const notes = [...loaded.notes];
  if (snapshot.truncated) {
    notes.push(
      `The listing stopped at ${limits.maxFiles} files: files past it were not audited`,
    );
  }
  notes.push(...describeSkipped(snapshot.skipped(), limits));
  const disabled = settings.disabledChecks.filter(id =>
    checks.some(c => c.id === id),
  );
  if (disabled.length > 0 && parseIdList(options.checks).length > 0) {
    const named = disabled.filter(id =>
      parseIdList(options.checks).includes(id),
    );
    if (named.length > 0) {
      notes.push(
        `Disabled by readiness.checks.disabled, not run: ${named.join(', ')}`,
      );
    }
  }

  const stream = options.output ? undefined : process.stdout;
  const input: ReportInput = {
    scorecard,
    definitions: engine.definitions(),
    root: location.root,
    entityFile: loaded.file,
    notes,
    paths: snapshot.paths,
    toolVersion: cliVersion(),
    color: stream ? colorEnabled(stream) : false,
    width: Math.max(60, Math.min(stream?.columns ?? 100, 120)),
  };
  const formatter = await loadFormatter(format);
  const text = formatter(input);
  await writeOutput(text, options.output);
  if (options.output) {
    process.stderr.write(
      `readiness: wrote the ${format} report to ${options.output} (score ${scorecard.score}, ${scorecard.level})\n`,
    );
  }

  const failure = gateFailure(scorecard, options);
  if (failure) {
    process.stderr.write(`readiness: gate failed: ${failure}\n`);
    return EXIT.gate;
  }
  return EXIT.ok;
}

/** Parses `--fail-under`: a number from 0 to 100. */
export function parseScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new UsageError(
      `--fail-under expects a number from 0 to 100, got '${value}'`,
    );
  }
  return n;
}
