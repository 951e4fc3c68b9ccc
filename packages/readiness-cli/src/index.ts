/**
 * `readiness`: production-readiness scorecards for a local checkout, in a
 * terminal, a CI job or a pull request.
 *
 * @packageDocumentation
 */
import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import { EXIT, UsageError } from './errors';
import { interop } from './interop';
import { FORMATS } from './format/types';
import { cliVersion } from './version';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function score(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new InvalidArgumentError('expected a number from 0 to 100.');
  }
  return n;
}

/** The `readiness` program. Commands are loaded when they run. */
export function createProgram(): Command {
  const program = new Command('readiness')
    .description(
      'Production-readiness scorecards for a local checkout: the same checks and scoring as the Readiness Backstage plugin.',
    )
    .version(cliVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      outputError: (message, write) =>
        write(
          `readiness: ${message
            .trim()
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')}\n`,
        ),
    });

  program
    .command('audit')
    .description(
      'Audit the folder PATH (default: the current folder) as one entity',
    )
    .argument('[path]', 'the folder to audit', '.')
    .option(
      '--root <dir>',
      'the repository root (default: the nearest folder above PATH holding .git)',
    )
    .option(
      '--entity <file>',
      'read the entity from this catalog file instead of PATH/catalog-info.yaml',
    )
    .option(
      '--name <name>',
      'pick the entity of this name from a multi-document catalog file; names the assumed Component when there is none',
    )
    .option(
      '--type <type>',
      'spec.type of the assumed Component when there is no catalog file',
      'service',
    )
    .option(
      '--config <file>',
      'a config file with a readiness: block (repeatable; later files win)',
      collect,
      [],
    )
    .option(
      '--checks <ids>',
      'run only these checks (comma-separated, repeatable)',
      collect,
    )
    .option(
      '--skip <ids>',
      'leave out these checks (comma-separated, repeatable)',
      collect,
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: table, or from the --output file extension)',
      ).choices(FORMATS),
    )
    .option(
      '-o, --output <file>',
      'write the report to this file instead of stdout',
    )
    .option(
      '--fail-under <score>',
      'exit 1 when the score is below this (0-100)',
      score,
    )
    .addOption(
      new Option(
        '--fail-on-level <level>',
        'exit 1 when the level is this or worse',
      ).choices(['needs-work', 'almost-ready']),
    )
    .action(async (path: string, options) => {
      const { auditCommand } = interop(await import('./commands/audit'));
      process.exitCode = await auditCommand(path, options);
    });

  program
    .command('checks')
    .description(
      'List the check catalog in force (built-in and custom checks, minus disabled ones)',
    )
    .option(
      '--config <file>',
      'a config file with a readiness: block (repeatable)',
      collect,
      [],
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json'])
        .default('table'),
    )
    .action(async options => {
      const { checksCommand } = interop(await import('./commands/checks'));
      process.exitCode = await checksCommand(options);
    });

  program
    .command('explain')
    .description(
      'Explain a check: what it looks for, why it matters, how to fix it',
    )
    .argument(
      '<check-id>',
      'the id of the check, as `readiness checks` lists it',
    )
    .option(
      '--config <file>',
      'a config file with a readiness: block (repeatable)',
      collect,
      [],
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (id: string, options) => {
      const { explainCommand } = interop(await import('./commands/explain'));
      process.exitCode = await explainCommand(id, options);
    });

  return program;
}

/** Runs the CLI; never throws: errors become a one-line message and an exit code. */
export async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', error => {
    // A closed pipe (`readiness audit | head`) is not an error of ours.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE')
      process.exit(process.exitCode ?? 0);
    throw error;
  });
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    const name = (error as Error)?.name;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError || name === 'InputError') {
      process.stderr.write(`readiness: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(
      `readiness: internal error: ${message.replace(/\s*\n\s*/g, ' ')}\n`,
    );
    if (process.env.READINESS_DEBUG)
      process.stderr.write(`${(error as Error)?.stack}\n`);
    process.exitCode = EXIT.internal;
  }
}

main(process.argv);
