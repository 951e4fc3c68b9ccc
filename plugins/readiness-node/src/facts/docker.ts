import { RepoView, TextFile } from './RepoView';

/** DF of CHECKS.md. @public */
export const DOCKERFILE_PATTERNS = ['Dockerfile', 'Containerfile', '*.Dockerfile', 'Dockerfile.*', '*.dockerfile'];

/** One instruction of a Dockerfile, continuation lines joined. @public */
export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
  /** Index of the stage it belongs to (-1 before the first FROM). */
  stage: number;
}

/** A build stage. @public */
export interface DockerStage {
  /** The image as written, with ARG defaults substituted. */
  image: string;
  alias?: string;
  line: number;
  /** True when `image` names an earlier stage. */
  fromStage: boolean;
}

/** A parsed Dockerfile. @public */
export interface ParsedDockerfile {
  path: string;
  text: string;
  instructions: DockerInstruction[];
  stages: DockerStage[];
}

/** Parses a Dockerfile: joins continuations, resolves `ARG` defaults in `FROM`. @public */
export function parseDockerfile(file: TextFile): ParsedDockerfile {
  const instructions: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  const args = new Map<string, string>();
  const lines = file.text.split('\n');
  let stage = -1;
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let text = lines[i];
    if (/^\s*(#|$)/.test(text)) continue;
    while (/\\\s*$/.test(text) && i + 1 < lines.length) {
      i++;
      const next = lines[i];
      if (/^\s*#/.test(next)) continue;
      text = `${text.replace(/\\\s*$/, ' ')}${next}`;
    }
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(text);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const rest = m[2].trim();
    if (keyword === 'ARG') {
      const a = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(rest);
      if (a && stage < 0) args.set(a[1], (a[2] ?? '').replace(/^["']|["']$/g, ''));
    }
    if (keyword === 'FROM') {
      stage++;
      const parts = rest.split(/\s+/).filter(p => !p.startsWith('--'));
      const raw = parts[0] ?? '';
      const image = raw.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}?/g, (_s, name, dflt) => args.get(name) || dflt || '');
      const alias = parts[1]?.toUpperCase() === 'AS' ? parts[2] : undefined;
      const fromStage = stages.some(s => s.alias && s.alias.toLowerCase() === image.toLowerCase());
      stages.push({ image, alias, line: startLine, fromStage });
    }
    instructions.push({ keyword, args: rest, line: startLine, stage });
  }
  return { path: file.path, text: file.text, instructions, stages };
}

/** The entity folder's Dockerfiles, parsed. @public */
export function dockerfiles(repo: RepoView): Promise<ParsedDockerfile[]> {
  return repo.memo('docker:files', async () =>
    (await repo.findTexts(DOCKERFILE_PATTERNS)).filter(f => /^\s*FROM\s/im.test(f.text)).map(parseDockerfile),
  );
}
