import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors';

/**
 * Colour on a terminal only: `NO_COLOR` (non-empty) turns it off,
 * `FORCE_COLOR` (other than 0) turns it on elsewhere.
 */
export function colorEnabled(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR) return false;
  if (
    env.FORCE_COLOR !== undefined &&
    env.FORCE_COLOR !== '' &&
    env.FORCE_COLOR !== '0'
  ) {
    return true;
  }
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** Writes text to a file (creating its folder) or to stdout; ends with a newline. */
export async function writeOutput(text: string, file?: string): Promise<void> {
  const out = text.endsWith('\n') ? text : `${text}\n`;
  if (!file) {
    await new Promise<void>((resolveWrite, reject) => {
      process.stdout.write(out, error =>
        error ? reject(error) : resolveWrite(),
      );
    });
    return;
  }
  try {
    await fs.mkdir(dirname(resolve(file)), { recursive: true });
    await fs.writeFile(file, out, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot write the output file ${file}: ${(error as Error).message}`,
    );
  }
}
