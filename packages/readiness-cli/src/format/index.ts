import { interop } from '../interop';
import { Format, Formatter } from './types';

/** Loads a formatter on demand, so that start-up only pays for the one in use. */
export async function loadFormatter(format: Format): Promise<Formatter> {
  switch (format) {
    case 'json':
      return interop(await import('./json')).formatJson;
    case 'markdown':
      return interop(await import('./markdown')).formatMarkdown;
    case 'sarif':
      return interop(await import('./sarif')).formatSarif;
    case 'table':
    default:
      return interop(await import('./table')).formatTable;
  }
}
