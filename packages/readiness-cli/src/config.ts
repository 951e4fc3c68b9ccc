import { promises as fs } from 'node:fs';
import { AppConfig, Config, ConfigReader } from '@backstage/config';
import { parseDocument } from 'yaml';
import { UsageError } from './errors';

/** The config files read and their `readiness` block. */
export interface LoadedConfig {
  /** The `readiness` block of the merged files; empty when there is none. */
  readiness: Config;
  files: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readConfigFile(file: string): Promise<AppConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `Config file not found: ${file}`
        : `Config file ${file} cannot be read: ${(error as Error).message}`,
    );
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line;
    throw new UsageError(
      `Invalid YAML in config file ${file}${line ? ` at line ${line}` : ''}: ${
        first.message.split('\n')[0]
      }`,
    );
  }
  const data = doc.toJS() ?? {};
  if (!isRecord(data)) {
    throw new UsageError(
      `Invalid config file ${file}: expected a mapping of keys`,
    );
  }
  if (
    data.readiness !== undefined &&
    data.readiness !== null &&
    !isRecord(data.readiness)
  ) {
    throw new UsageError(
      `Invalid config at 'readiness' in ${file}: expected an object`,
    );
  }
  return { data: data as AppConfig['data'], context: file };
}

/**
 * Reads `--config` files (YAML like app-config; later files override earlier
 * ones, as in Backstage) and returns their `readiness` block.
 */
export async function loadConfig(
  files: readonly string[],
): Promise<LoadedConfig> {
  const configs: AppConfig[] = [];
  for (const file of files) configs.push(await readConfigFile(file));
  const root = ConfigReader.fromConfigs(configs);
  return {
    readiness:
      root.getOptionalConfig('readiness') ?? new ConfigReader({}, 'readiness'),
    files: [...files],
  };
}

/**
 * Runs `fn`, turning the errors that bad config values raise (the engine's
 * InputError naming the key, ConfigReader's type errors) into usage errors.
 */
export function asConfigError<T>(fn: () => T, files: readonly string[]): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const where =
      files.length > 0 && !files.some(f => message.includes(f))
        ? ` (config: ${files.join(', ')})`
        : '';
    throw new UsageError(`${message}${where}`);
  }
}
