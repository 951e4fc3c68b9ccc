import { lineOf, RepoView, TextFile } from './RepoView';

/** A direct dependency declared in a manifest. @public */
export interface Dependency {
  ecosystem: 'npm' | 'pypi' | 'go' | 'maven' | 'cargo' | 'nuget' | 'rubygems';
  /** Lower-cased package name (Maven and Gradle: `group:artifact`). */
  name: string;
  path: string;
  line?: number;
  dev?: boolean;
}

/** DEPS of CHECKS.md: manifests, not lockfiles. @public */
export const MANIFEST_PATTERNS = [
  'package.json',
  'pyproject.toml',
  'requirements*.txt',
  'requirements/*.txt',
  'Pipfile',
  'setup.py',
  'setup.cfg',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Cargo.toml',
  '*.csproj',
  'Gemfile',
];

function dep(
  file: TextFile,
  ecosystem: Dependency['ecosystem'],
  name: string,
  index?: number,
  dev = false,
): Dependency {
  return {
    ecosystem,
    name: name.trim().toLowerCase(),
    path: file.path,
    ...(index !== undefined ? { line: lineOf(file.text, index) } : {}),
    ...(dev ? { dev } : {}),
  };
}

function fromPackageJson(file: TextFile): Dependency[] {
  let json: any;
  try {
    json = JSON.parse(file.text);
  } catch {
    return [];
  }
  const out: Dependency[] = [];
  for (const [field, dev] of [
    ['dependencies', false],
    ['optionalDependencies', false],
    ['peerDependencies', false],
    ['devDependencies', true],
  ] as const) {
    for (const name of Object.keys(json?.[field] ?? {})) {
      out.push(dep(file, 'npm', name, file.text.indexOf(`"${name}"`), dev));
    }
  }
  return out;
}

// A PEP 508 requirement's name: letters, digits, . _ -
const PY_REQ = /^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(?:[<>=!~;@,"'\s]|$)/;

function fromTomlSections(
  file: TextFile,
  ecosystem: Dependency['ecosystem'],
  isDepSection: (section: string) => boolean | 'dev',
): Dependency[] {
  const out: Dependency[] = [];
  let section = '';
  let inArray: boolean | 'dev' = false;
  let offset = 0;
  for (const line of file.text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const header = /^\[\[?([^\]]+)\]\]?/.exec(trimmed);
    if (header) {
      section = header[1].trim();
      inArray = false;
      continue;
    }
    // PEP 621: dependencies = [ "a>=1", ... ] and optional-dependencies tables.
    const arrayStart = /^(dependencies|dev-dependencies|[A-Za-z0-9_-]+)\s*=\s*\[/.exec(trimmed);
    if (
      arrayStart &&
      ((section === 'project' && arrayStart[1] === 'dependencies') ||
        section === 'project.optional-dependencies' ||
        section === 'dependency-groups')
    ) {
      inArray = section === 'project' ? true : 'dev';
    }
    if (inArray) {
      for (const m of trimmed.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)/g)) {
        if (m[1] !== arrayStart?.[1]) out.push(dep(file, ecosystem, m[1], start, inArray === 'dev'));
      }
      if (trimmed.includes(']') && !/\[[^\]]*$/.test(trimmed)) inArray = false;
      continue;
    }
    const kind = isDepSection(section);
    if (!kind) continue;
    const key = /^["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=/.exec(trimmed);
    if (key && key[1] !== 'python') out.push(dep(file, ecosystem, key[1], start, kind === 'dev'));
  }
  return out;
}

function fromRequirements(file: TextFile): Dependency[] {
  const out: Dependency[] = [];
  let offset = 0;
  for (const line of file.text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (/^\s*(#|-)/.test(line)) continue;
    const m = PY_REQ.exec(line);
    if (m) out.push(dep(file, 'pypi', m[1], start));
  }
  return out;
}

function fromGoMod(file: TextFile): Dependency[] {
  const out: Dependency[] = [];
  const re = /^(?:require\s+)?\s*([a-z0-9.-]+\.[a-z]{2,}\/[^\s]+)\s+v[0-9][^\s]*(\s*\/\/\s*indirect)?/gm;
  for (const m of file.text.matchAll(re)) {
    if (!m[2]) out.push(dep(file, 'go', m[1], m.index));
  }
  return out;
}

function fromPom(file: TextFile): Dependency[] {
  const out: Dependency[] = [];
  const re = /<dependency>([\s\S]*?)<\/dependency>/g;
  for (const m of file.text.matchAll(re)) {
    const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(m[1])?.[1];
    const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(m[1])?.[1];
    const test = /<scope>\s*test\s*<\/scope>/.test(m[1]);
    if (artifact) out.push(dep(file, 'maven', `${group ?? ''}:${artifact}`, m.index, test));
  }
  // Plugins such as the JaCoCo or Jib plugins are build dependencies too.
  for (const m of file.text.matchAll(/<plugin>([\s\S]*?)<\/plugin>/g)) {
    const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(m[1])?.[1];
    const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(m[1])?.[1];
    if (artifact) out.push(dep(file, 'maven', `${group ?? ''}:${artifact}`, m.index, true));
  }
  return out;
}

function fromGradle(file: TextFile): Dependency[] {
  const out: Dependency[] = [];
  const re = /\b(implementation|api|compile|runtimeOnly|compileOnly|testImplementation|testRuntimeOnly|annotationProcessor|kapt)\s*\(?\s*["']([^:"'\s]+):([^:"'\s]+)(?::[^"']*)?["']/g;
  for (const m of file.text.matchAll(re)) {
    out.push(dep(file, 'maven', `${m[2]}:${m[3]}`, m.index, m[1].startsWith('test')));
  }
  for (const m of file.text.matchAll(/\bid\s*\(?\s*["']([A-Za-z0-9._-]+)["']/g)) {
    out.push(dep(file, 'maven', `plugin:${m[1]}`, m.index, true));
  }
  return out;
}

function fromCsproj(file: TextFile): Dependency[] {
  return [...file.text.matchAll(/<PackageReference\s+Include="([^"]+)"/gi)].map(m =>
    dep(file, 'nuget', m[1], m.index),
  );
}

function fromGemfile(file: TextFile): Dependency[] {
  return [...file.text.matchAll(/^\s*gem\s+["']([^"']+)["']/gm)].map(m =>
    dep(file, 'rubygems', m[1], m.index),
  );
}

function fromSetupPy(file: TextFile): Dependency[] {
  const block = /install_requires\s*=\s*\[([\s\S]*?)\]/.exec(file.text);
  if (!block) return [];
  return [...block[1].matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)/g)].map(m =>
    dep(file, 'pypi', m[1], block.index),
  );
}

/** Parses one manifest by its file name. @public */
export function parseManifest(file: TextFile): Dependency[] {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (name === 'package.json') return fromPackageJson(file);
  if (name === 'pyproject.toml')
    return fromTomlSections(file, 'pypi', s => {
      if (s === 'tool.poetry.dependencies') return true;
      return /^tool\.poetry\.(dev-dependencies|group\.[^.]+\.dependencies)$/.test(s) && 'dev';
    });
  if (name === 'Pipfile')
    return fromTomlSections(file, 'pypi', s => s === 'packages' || (s === 'dev-packages' && 'dev'));
  if (name === 'Cargo.toml')
    return fromTomlSections(file, 'cargo', s => {
      if (/dev-dependencies$/.test(s)) return 'dev';
      return /(^|\.)dependencies$/.test(s);
    });
  if (/\.txt$/.test(name)) return fromRequirements(file);
  if (name === 'setup.py') return fromSetupPy(file);
  if (name === 'go.mod') return fromGoMod(file);
  if (name === 'pom.xml') return fromPom(file);
  if (name.startsWith('build.gradle')) return fromGradle(file);
  if (name.endsWith('.csproj')) return fromCsproj(file);
  if (name === 'Gemfile') return fromGemfile(file);
  return [];
}

/** The direct dependencies declared in the entity's folder. @public */
export function dependencies(repo: RepoView): Promise<Dependency[]> {
  return repo.memo('deps', async () =>
    (await repo.findTexts(MANIFEST_PATTERNS)).flatMap(parseManifest),
  );
}

function nameMatches(pattern: string | RegExp, name: string): boolean {
  if (typeof pattern !== 'string') return pattern.test(name);
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  return name === pattern;
}

/**
 * The first dependency whose name matches one of the patterns (a string is an
 * exact name or, ending in `*`, a prefix). Dev dependencies count only when asked.
 * @public
 */
export async function findDependency(
  repo: RepoView,
  names: readonly (string | RegExp)[],
  options: { includeDev?: boolean } = {},
): Promise<Dependency | undefined> {
  const deps = await dependencies(repo);
  return deps.find(
    d =>
      (options.includeDev || !d.dev) &&
      names.some(n => nameMatches(n, d.name)),
  );
}
