import { CiFile, ciFiles, ciTextWithMake, makeTargets } from './ci';
import { lineOf, RepoView, TextFile } from './RepoView';
import { parseYaml } from './yaml';

/**
 * Facts about pipeline files shared by the ci-cd, testing and security
 * checks: parsed GitHub workflows, their triggers, and pattern search over
 * pipeline text with comments removed and `make <target>` expanded.
 */

/** A GitHub Actions workflow, parsed. @public */
export interface ParsedWorkflow {
  file: CiFile;
  /** The parsed document, or undefined when the YAML does not parse. */
  doc?: Record<string, unknown>;
  /** Event names of the `on:` key, in any of its forms. */
  events: Set<string>;
}

/** Event names of a workflow's `on:` (string, list or map). @public */
export function workflowEvents(
  doc: Record<string, unknown> | undefined,
): Set<string> {
  const on = doc?.on ?? doc?.true; // `true` when a YAML 1.1 parser read `on` as a boolean
  if (typeof on === 'string') return new Set([on]);
  if (Array.isArray(on))
    return new Set(on.filter((e): e is string => typeof e === 'string'));
  if (on && typeof on === 'object') return new Set(Object.keys(on));
  return new Set();
}

/** The GitHub workflows of the repository, parsed once per audit. @public */
export function parsedWorkflows(repo: RepoView): Promise<ParsedWorkflow[]> {
  return repo.memo('cicd:workflows', async () =>
    (await ciFiles(repo))
      .filter(f => f.system === 'github-actions')
      .map(file => {
        let doc: Record<string, unknown> | undefined;
        try {
          const value = parseYaml(file.text, { uniqueKeys: false, strict: false });
          if (value && typeof value === 'object')
            doc = value as Record<string, unknown>;
        } catch {
          doc = undefined;
        }
        return { file, doc, events: workflowEvents(doc) };
      }),
  );
}

/** The jobs map of a workflow (empty when there is none). @public */
export function workflowJobs(
  doc: Record<string, unknown> | undefined,
): Record<string, any> {
  const jobs = doc?.jobs;
  return jobs && typeof jobs === 'object' ? (jobs as Record<string, any>) : {};
}

/** Removes whole-line comments (`#`, `//`) so that commented-out steps do not count. @public */
export function stripComments(text: string): string {
  return text
    .split('\n')
    .map(line => (/^\s*(#|\/\/)/.test(line) ? '' : line))
    .join('\n');
}

/** Where a pattern matched in a pipeline file. @public */
export interface CiMatch {
  path: string;
  line?: number;
  /** The matched text (a command or action name, never a secret). */
  text: string;
  /** Set when the match came from the recipe of a `make` target the pipeline calls. */
  viaMake?: string;
}

/** A pipeline text with `make` calls expanded, for the repository whose Makefiles it used. */
interface WithMake {
  repo: RepoView;
  text: Promise<string>;
}

// Checks match some twenty patterns against each pipeline file: its text
// without comment lines, and that text with `make` calls expanded, are
// computed once per file object (ciFiles shares them within an audit).
const uncommented = new WeakMap<TextFile, string>();
const withMake = new WeakMap<TextFile, WithMake>();

/** `stripComments` of a file's text, computed once per file object. @public */
export function uncommentedText(file: TextFile): string {
  let text = uncommented.get(file);
  if (text === undefined) {
    text = stripComments(file.text);
    uncommented.set(file, text);
  }
  return text;
}

function expandedText(repo: RepoView, file: TextFile): Promise<string> {
  let entry = withMake.get(file);
  if (!entry || entry.repo !== repo) {
    entry = {
      repo,
      text: ciTextWithMake(repo, {
        path: file.path,
        text: uncommentedText(file),
      }),
    };
    withMake.set(file, entry);
  }
  return entry.text;
}

/**
 * The first match of a pattern in a pipeline file, looking into the recipe of
 * a `make <target>` the file calls (one level). Comment lines are ignored.
 * @public
 */
export async function matchInCi(
  repo: RepoView,
  file: CiFile,
  pattern: RegExp,
): Promise<CiMatch | undefined> {
  // A pattern without g or y keeps no state between matches: no copy needed.
  const re =
    pattern.global || pattern.sticky
      ? new RegExp(pattern.source, pattern.flags.replace('g', ''))
      : pattern;
  const own = uncommentedText(file);
  const direct = re.exec(own);
  if (direct)
    return {
      path: file.path,
      line: lineOf(own, direct.index),
      text: direct[0].trim(),
    };
  const expanded = await expandedText(repo, file);
  if (expanded === own || !re.test(expanded)) return undefined;
  // Point at the `make` call whose recipe matched.
  const targets = await makeTargets(repo);
  for (const call of own.matchAll(
    /\bmake\s+(?:-[A-Za-z]+\s+)*([A-Za-z0-9_.\-/]+)/g,
  )) {
    const recipe = targets.get(call[1]);
    const m = recipe ? re.exec(stripComments(recipe)) : null;
    if (m)
      return {
        path: file.path,
        line: lineOf(own, call.index ?? 0),
        text: m[0].trim(),
        viaMake: call[1],
      };
  }
  return undefined;
}

/** The first match of a pattern across all pipeline files. @public */
export async function findInCi(
  repo: RepoView,
  pattern: RegExp,
  files?: CiFile[],
): Promise<CiMatch | undefined> {
  for (const file of files ?? (await ciFiles(repo))) {
    const m = await matchInCi(repo, file, pattern);
    if (m) return m;
  }
  return undefined;
}

/** True when a pipeline file has real content: GitHub workflows need jobs, others a non-comment line. @public */
export function isRealPipeline(file: CiFile): boolean {
  const text = uncommentedText(file);
  if (file.system === 'github-actions')
    return /^jobs\s*:\s*\n\s+\S/m.test(text);
  return text.trim().length > 0;
}
