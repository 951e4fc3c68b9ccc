import packageJson from '../package.json';

/** The version of this package. */
export function cliVersion(): string {
  return packageJson.version;
}
