import { Evidence } from '@prodready/plugin-readiness-common';
import { outcome, ReadinessCheck } from '../api/check';
import { CiFile } from '../facts/ci';
import {
  CiMatch,
  findInCi,
  parsedWorkflows,
  ParsedWorkflow,
  stripComments,
  uncommentedText,
  workflowJobs,
} from '../facts/cicdFacts';
import { isLibrary } from '../facts/classify';
import { dependencies } from '../facts/dependencies';
import { dockerfiles } from '../facts/docker';
import { k8sObjects, TEMPLATED } from '../facts/kubernetes';
import { isCodeSignalPath } from '../facts/paths';
import { lineOf, RepoView, TextFile } from '../facts/RepoView';
import { redactSecret } from '../facts/redact';

/** Paths (exact, from the root or the entity folder) that exist in the repository, not vendored. */
function configFiles(repo: RepoView, names: readonly string[]): string[] {
  const want = new Set(names);
  if (repo.isSubfolder)
    for (const n of names) want.add(`${repo.entityPath}/${n}`);
  // The set lookup first: it rules out nearly every path before the costlier folder test.
  return repo.snapshot.paths.filter(p => want.has(p) && isCodeSignalPath(p));
}

function ciEvidence(repo: RepoView, m: CiMatch): Evidence {
  return repo.evidence(
    m.path,
    m.line,
    m.viaMake ? `via make ${m.viaMake}` : undefined,
  );
}

/** Pre-commit configs of the root and the entity folder. */
function preCommitConfigs(repo: RepoView): Promise<TextFile[]> {
  return repo.readAll(
    configFiles(repo, ['.pre-commit-config.yaml', '.pre-commit-config.yml']),
  );
}

// ------------------------------------------------- security-dependency-updates

const BOT_FILES = [
  '.github/dependabot.yml',
  '.github/dependabot.yaml',
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
  '.scala-steward.conf',
];

/** @public */
export const securityDependencyUpdatesCheck: ReadinessCheck = {
  id: 'security-dependency-updates',
  title: 'Dependency update bot',
  category: 'security',
  severity: 'high',
  description:
    'Looks for a dependency update bot configured in the repository: Dependabot (`.github/dependabot.yml` with at least one `package-ecosystem`), Renovate (`renovate.json(5)`, `.github/` or `.gitlab/renovate.json(5)`, `.renovaterc*`, a `renovate` key in package.json) or Scala Steward.',
  rationale:
    'Dependencies that are not updated accumulate known vulnerabilities and become painful to upgrade all at once.',
  remediation:
    'Add Renovate (renovate.json extending `config:recommended`) or Dependabot (.github/dependabot.yml with an entry per package ecosystem) at the repository root.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    for (const file of await repo.readAll(configFiles(repo, BOT_FILES))) {
      if (/dependabot\.ya?ml$/.test(file.path)) {
        const m = /package-ecosystem\s*:/.exec(stripComments(file.text));
        if (m)
          return outcome.pass(`Dependabot configured in ${file.path}`, [
            repo.evidence(file.path, lineOf(file.text, m.index)),
          ]);
        continue; // a dependabot.yml without updates is a stub
      }
      if (file.text.trim())
        return outcome.pass(
          `Dependency update bot configured in ${file.path}`,
          [repo.evidence(file.path)],
        );
    }
    for (const pkg of await repo.readAll(configFiles(repo, ['package.json']))) {
      const m = /"renovate"\s*:\s*\{/.exec(pkg.text);
      if (m)
        return outcome.pass(`Renovate configured in ${pkg.path}`, [
          repo.evidence(pkg.path, lineOf(pkg.text, m.index)),
        ]);
    }
    return outcome.fail('No Dependabot or Renovate configuration found');
  },
};

// ------------------------------------------------- security-vulnerability-scan

const VULN_SCAN = new RegExp(
  [
    String.raw`actions/dependency-review-action`,
    String.raw`\bsnyk\b`,
    String.raw`\btrivy\b`,
    String.raw`\bgrype\b|anchore/scan-action`,
    String.raw`osv-scanner`,
    String.raw`\b(?:npm|pnpm|yarn)\s+(?:npm\s+)?audit\b`,
    String.raw`\bpip-audit\b`,
    String.raw`\bgovulncheck\b`,
    String.raw`\bcargo\s+(?:audit|deny)\b`,
    String.raw`dependency-check`,
    String.raw`docker\s+scout\s+cves`,
    String.raw`(?:Dependency|Container)-Scanning\.gitlab-ci\.yml`,
  ].join('|'),
  'i',
);

/** @public */
export const securityVulnerabilityScanCheck: ReadinessCheck = {
  id: 'security-vulnerability-scan',
  title: 'Dependency and image scanning in CI',
  category: 'security',
  severity: 'high',
  description:
    'Looks in CI for a dependency or image vulnerability scanner: the dependency-review action, Snyk, Trivy, Grype/Anchore, OSV-Scanner, `npm audit`, pip-audit, govulncheck, `cargo audit`/`cargo deny`, OWASP dependency-check (also as a Maven/Gradle plugin), GitLab dependency or container scanning templates.',
  rationale:
    'Known-vulnerable dependencies and base images are the most common way services get compromised; scanning in CI catches them before release.',
  remediation:
    'Add a scan step to the pipeline, for example `trivy fs --exit-code 1 .` and `trivy image` on the built image, or the dependency-review action on pull requests.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const m = await findInCi(repo, VULN_SCAN);
    if (m)
      return outcome.pass(
        `CI scans dependencies with \`${m.text}\` in ${m.path}`,
        [ciEvidence(repo, m)],
      );
    for (const f of await repo.findTexts([
      'pom.xml',
      'build.gradle',
      'build.gradle.kts',
    ])) {
      const plugin = /dependency-check-maven|org\.owasp\.dependencycheck/.exec(
        f.text,
      );
      if (plugin) {
        return outcome.pass(`OWASP dependency-check plugin in ${f.path}`, [
          repo.evidence(f.path, lineOf(f.text, plugin.index)),
        ]);
      }
    }
    return outcome.fail('No dependency or image vulnerability scan in CI');
  },
};

// --------------------------------------------------------------- security-sast

const SAST = new RegExp(
  [
    String.raw`codeql-action/analyze|\bcodeql\s+database\s+analyze\b`,
    String.raw`\bsnyk\s+code\b`,
    String.raw`\bsemgrep\b`,
    String.raw`\bbandit\b`,
    String.raw`\bgosec\b`,
    String.raw`sonarqube-scan-action|sonarcloud-github-action|\bsonar-scanner\b|\bsonar:sonar\b|\bgradlew?\b[^\n]*\bsonar(?:qube)?\b`,
    String.raw`(?:^|/)SAST\.gitlab-ci\.yml`,
  ].join('|'),
  'm',
);

/** @public */
export const securitySastCheck: ReadinessCheck = {
  id: 'security-sast',
  title: 'Static application security testing',
  category: 'security',
  severity: 'medium',
  description:
    'Looks for SAST: the CodeQL analyze action, `snyk code`, Semgrep, Bandit, gosec or a Sonar scanner in CI, a `sonar-project.properties` file, or the GitLab SAST template. (GitHub\'s CodeQL "default setup" lives in repository settings and cannot be seen in files.)',
  rationale:
    'Injection, unsafe deserialisation and similar code flaws are cheap to catch automatically and expensive to find in production.',
  remediation:
    'Add a CodeQL workflow (github/codeql-action init + analyze) or a Semgrep job that runs on pull requests.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const m = await findInCi(repo, SAST);
    if (m)
      return outcome.pass(`CI runs SAST: \`${m.text}\` in ${m.path}`, [
        ciEvidence(repo, m),
      ]);
    const sonar = configFiles(repo, ['sonar-project.properties'])[0];
    if (sonar)
      return outcome.pass(`Sonar analysis configured in ${sonar}`, [
        repo.evidence(sonar),
      ]);
    return outcome.fail(
      'No SAST tool (CodeQL, Semgrep, Bandit, gosec, Sonar) found',
    );
  },
};

// ---------------------------------------------------- security-secret-scanning

const SECRET_SCAN_CI =
  /\bgitleaks\b|\btrufflehog\b|\bggshield\b|\bdetect-secrets\b|Secret-Detection\.gitlab-ci\.yml/i;

/** @public */
export const securitySecretScanningCheck: ReadinessCheck = {
  id: 'security-secret-scanning',
  title: 'Secret scanning',
  category: 'security',
  severity: 'medium',
  description:
    "Looks for secret scanning: `.gitleaks.toml`, `.secrets.baseline` (detect-secrets), `.gitguardian.yaml`, gitleaks/trufflehog/ggshield in CI, a pre-commit gitleaks or detect-secrets hook, or the GitLab secret detection template. (GitHub's built-in secret scanning is a repository setting and cannot be seen in files.)",
  rationale:
    'A leaked credential is exploitable within minutes of a push; scanning blocks it before it lands or alerts right after.',
  remediation:
    'Run gitleaks in CI (gitleaks/gitleaks-action) and as a pre-commit hook so that secrets are caught before they are pushed.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const file = configFiles(repo, [
      '.gitleaks.toml',
      '.secrets.baseline',
      '.gitguardian.yaml',
      '.gitguardian.yml',
    ])[0];
    if (file)
      return outcome.pass(`Secret scanning configured in ${file}`, [
        repo.evidence(file),
      ]);
    const ci = await findInCi(repo, SECRET_SCAN_CI);
    if (ci)
      return outcome.pass(
        `CI scans for secrets with \`${ci.text}\` in ${ci.path}`,
        [ciEvidence(repo, ci)],
      );
    for (const f of await preCommitConfigs(repo)) {
      const m = /gitleaks|detect-secrets|trufflehog|ggshield/.exec(
        stripComments(f.text),
      );
      if (m)
        return outcome.pass(`Pre-commit ${m[0]} hook in ${f.path}`, [
          repo.evidence(f.path, lineOf(f.text, m.index)),
        ]);
    }
    return outcome.fail(
      'No secret scanning (gitleaks, trufflehog, detect-secrets, GitGuardian) found',
    );
  },
};

// ----------------------------------------------- security-no-hardcoded-secrets

const KEY_PATTERNS: { kind: string; re: RegExp }[] = [
  {
    kind: 'AWS access key id',
    re: /(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  },
  { kind: 'GitHub token', re: /\bgh[pousr]_[0-9A-Za-z]{36}\b/g },
  { kind: 'Slack token', re: /\bxox[baprs]-\d{6,}-[0-9A-Za-z-]{8,}/g },
  // A PEM header followed by key material (also inside JSON strings): the bare header in code is not a key.
  {
    kind: 'private key',
    re: /-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[nr])*(?:[A-Za-z-]+:[^\n]*(?:\n|\\n))*(?:\s|\\[nr])*[A-Za-z0-9+/=]{40,}/g,
  },
];
// Every match of a key pattern contains one of these: a file without any (nearly
// every file) is scanned once instead of once per pattern.
const KEY_HINT = /A3T|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|xox|PRIVATE KEY/;

const MAX_SCAN_BYTES = 512 * 1024;
const MAX_SCAN_FILES = 5000;
const LOCK_OR_MINIFIED =
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|poetry\.lock|uv\.lock|Pipfile\.lock|pdm\.lock|Cargo\.lock|go\.sum|Gemfile\.lock|composer\.lock|packages\.lock\.json|gradle\.lockfile|flake\.lock)$|\.min\.(js|css)$|\.map$/;
const BINARY =
  /\.(png|jpe?g|gif|ico|webp|bmp|tiff?|woff2?|ttf|otf|eot|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|ear|class|so|dylib|dll|exe|bin|o|a|pyc|mp[34]|mov|avi|webm|wasm|sqlite|db|parquet|avro|lockb)$/i;
/** Tests and docs hold example secrets by design (fixture folders are already excluded). */
const ALLOWED_PATH =
  /\.(md|mdx|rst|adoc)$|(^|\/)docs?\/|(^|\/)(__tests__|tests?|spec|e2e)\/|(^|\/)\.env\.test(ing)?$|\.(test|spec)\.[a-z]+$|_test\.(go|py|rb)$|(^|\/)test_[^/]*\.py$|_spec\.rb$|Tests?\.(cs|java|kt)$/i;

const SECRET_NAME =
  /(?:^|_)(PASSWORD|PASSWD|PASSPHRASE|PASS|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|SECRET_KEY_BASE|CREDENTIALS?|AUTH_?TOKEN)$/i;
const PLACEHOLDER =
  /^(changeme|change[-_]me|replace[-_]?me|todo|tbd|none|null|nil|undefined|true|false|dummy|example|sample|placeholder|secret|password|pass|your[-_].*|<.*>|\*+|x+|\.\.\.|-)$/i;

/** A literal, non-empty value that is not a variable reference, template or placeholder. */
function isLiteralSecret(raw: string): boolean {
  const value = raw
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
  if (!value || /^\d+$/.test(value) || PLACEHOLDER.test(value)) return false;
  return !/\$\{|\$\(|^\$|\{\{|%\(|__templated__/.test(value);
}

interface SecretFinding {
  path: string;
  line?: number;
  kind: string;
  /** The secret, only ever shown redacted. */
  secret?: string;
}

/** Own files of the entity and the top-level files of the repository, minus binaries, lockfiles, minified files. */
function filesToScan(repo: RepoView): string[] {
  const paths = new Set(repo.entityFiles());
  for (const p of repo.snapshot.paths) {
    if ((!p.includes('/') || p.startsWith('.github/')) && isCodeSignalPath(p))
      paths.add(p);
  }
  return [...paths].filter(
    p => !BINARY.test(p) && !LOCK_OR_MINIFIED.test(p) && !ALLOWED_PATH.test(p),
  );
}

function keyFindings(file: TextFile): SecretFinding[] {
  const out: SecretFinding[] = [];
  if (!KEY_HINT.test(file.text)) return out;
  for (const { kind, re } of KEY_PATTERNS) {
    // An exec loop on the shared global regex (matchAll would clone it); no pattern matches empty.
    re.lastIndex = 0;
    for (let m = re.exec(file.text); m; m = re.exec(file.text)) {
      const secret = m[0];
      if (kind === 'AWS access key id' && secret.includes('EXAMPLE')) continue;
      // Placeholders such as ghp_xxxx... or AKIAXXXXXXXXXXXXXXXX have few distinct characters.
      if (kind !== 'private key' && new Set(secret.slice(4)).size < 8) continue;
      out.push({
        path: file.path,
        line: lineOf(file.text, m.index ?? 0),
        kind,
        secret: kind === 'private key' ? undefined : secret,
      });
    }
  }
  return out;
}

const ENV_FILE = /(^|\/)(\.env(\.[^/]+)?|\.envrc)$/;
const ENV_EXAMPLE =
  /\.(example|sample|template|dist|defaults?|tpl|schema)$|(^|\/)example\.env$/i;

/**
 * Committed env files: `.env*.local` are never meant to be committed, so any
 * value there counts; other `.env*` files (often shared defaults, as Next.js
 * and Vite advise) count when they assign a secret-named variable a literal
 * value or carry a URL with a password.
 */
function envFindings(file: TextFile): SecretFinding[] {
  if (!ENV_FILE.test(file.path) || ENV_EXAMPLE.test(file.path)) return [];
  const local = /\.local$/.test(file.path);
  const out: SecretFinding[] = [];
  file.text.split('\n').forEach((line, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(
      line,
    );
    if (!m) return;
    const value = m[2].replace(/\s+#.*$/, '');
    const urlPassword = /:\/\/[^:/\s@]+:([^@\s]+)@/.exec(value);
    if ((local || SECRET_NAME.test(m[1])) && isLiteralSecret(value)) {
      out.push({
        path: file.path,
        line: i + 1,
        kind: `committed env file value ${m[1]}`,
        secret: value,
      });
    } else if (urlPassword && isLiteralSecret(urlPassword[1])) {
      out.push({
        path: file.path,
        line: i + 1,
        kind: `password in URL of ${m[1]}`,
        secret: urlPassword[1],
      });
    }
  });
  return out;
}

async function dockerFindings(repo: RepoView): Promise<SecretFinding[]> {
  const out: SecretFinding[] = [];
  for (const df of await dockerfiles(repo)) {
    if (ALLOWED_PATH.test(df.path)) continue;
    for (const ins of df.instructions.filter(
      i => i.keyword === 'ENV' || i.keyword === 'ARG',
    )) {
      const words = ins.args.split(/\s+/);
      let pairs: string[][] = [];
      if (/=/.test(ins.args)) {
        pairs = [
          ...ins.args.matchAll(
            /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g,
          ),
        ].map(m => [m[1], m[2]]);
      } else if (ins.keyword === 'ENV') {
        pairs = [[words[0], words.slice(1).join(' ')]]; // legacy `ENV NAME value`
      }
      for (const [name, value] of pairs) {
        if (SECRET_NAME.test(name) && isLiteralSecret(value)) {
          out.push({
            path: df.path,
            line: ins.line,
            kind: `Dockerfile ${ins.keyword} ${name}`,
            secret: value.replace(/^["']|["']$/g, ''),
          });
        }
      }
    }
  }
  return out;
}

async function k8sSecretFindings(repo: RepoView): Promise<SecretFinding[]> {
  const out: SecretFinding[] = [];
  for (const obj of await k8sObjects(repo)) {
    if (obj.kind !== 'Secret' || ALLOWED_PATH.test(obj.path)) continue;
    const keys: string[] = [];
    for (const field of ['data', 'stringData']) {
      const map = obj.doc[field];
      if (!map || typeof map !== 'object') continue;
      for (const [key, value] of Object.entries(map)) {
        if (
          typeof value === 'string' &&
          !value.includes(TEMPLATED) &&
          isLiteralSecret(value)
        )
          keys.push(key);
      }
    }
    if (keys.length) {
      out.push({
        path: obj.path,
        line: obj.line,
        kind: `Secret ${obj.name ?? ''} with literal values for ${keys.join(
          ', ',
        )}`.replace('  ', ' '),
      });
    }
  }
  return out;
}

/** @public */
export const securityNoHardcodedSecretsCheck: ReadinessCheck = {
  id: 'security-no-hardcoded-secrets',
  title: 'No secrets in the tree',
  category: 'security',
  severity: 'critical',
  description:
    "Scans the entity's own text files and the repository's top-level files (skipping binaries, lockfiles, minified and .map files, files over 512 KiB, test files including `.env.test`, fixtures and docs) for AWS access key ids (not `EXAMPLE` keys), GitHub tokens, Slack tokens and PEM private keys; flags committed `.env*` files other than examples (`.env*.local` with any value, others with a secret-named variable or a URL password), Dockerfile `ENV`/`ARG` holding a literal secret, and Kubernetes `kind: Secret` with literal `data`/`stringData` values. Evidence is redacted.",
  rationale:
    "A committed credential is readable by everyone with repository access, stays in git history, and is found by attackers' scanners within minutes on public hosts.",
  remediation:
    'Rotate every exposed credential now, purge it from history (git filter-repo), and load secrets at runtime from a vault or External Secrets instead of the repository.',
  effort: 'M',
  scope: 'repository',
  async run({ repo, signal }) {
    const paths = filesToScan(repo);
    const scanned = paths.slice(0, MAX_SCAN_FILES);
    const findings: SecretFinding[] = [];
    let skipped = paths.length - scanned.length;
    for (let i = 0; i < scanned.length && !signal.aborted; i += 200) {
      for (const file of await repo.readAll(scanned.slice(i, i + 200))) {
        if (file.text.length > MAX_SCAN_BYTES) {
          skipped++;
          continue;
        }
        findings.push(...keyFindings(file), ...envFindings(file));
      }
    }
    findings.push(
      ...(await dockerFindings(repo)),
      ...(await k8sSecretFindings(repo)),
    );
    if (!findings.length) {
      return outcome.pass(
        `No hardcoded secrets in ${scanned.length - skipped} file(s) scanned${
          skipped > 0 ? ` (${skipped} skipped: too large or over the cap)` : ''
        }`,
      );
    }
    const where = findings
      .slice(0, 3)
      .map(f => `${f.kind} in ${f.path}${f.line ? `:${f.line}` : ''}`);
    return outcome.fail(
      `${findings.length} hardcoded secret(s): ${where.join('; ')}${
        findings.length > 3 ? '; ...' : ''
      }`,
      findings
        .slice(0, 10)
        .map(f =>
          repo.evidence(
            f.path,
            f.line,
            f.secret ? `${f.kind}: ${redactSecret(f.secret)}` : f.kind,
          ),
        ),
    );
  },
};

// ------------------------------------------------------------- security-policy

const POLICY_FILES = ['', '.github/', 'docs/'].flatMap(dir =>
  ['SECURITY', 'security', 'Security'].flatMap(name =>
    ['md', 'markdown', 'adoc', 'rst'].map(ext => `${dir}${name}.${ext}`),
  ),
);

/** @public */
export const securityPolicyCheck: ReadinessCheck = {
  id: 'security-policy',
  title: 'Security policy',
  category: 'security',
  severity: 'low',
  description:
    'Looks for SECURITY.{md,markdown,adoc,rst} at the root, in .github/ or docs/. Scores a contact (a URL or an e-mail address) 60, real text (20 words or more) 30 and disclosure wording (disclose, vulnerability, report) 10.',
  rationale:
    'Without a published contact, people who find a vulnerability disclose it publicly or not at all.',
  remediation:
    'Add SECURITY.md with a private contact (a security@ address or GitHub private vulnerability reporting link), the supported versions and the disclosure process.',
  effort: 'S',
  scope: 'repository',
  async run({ repo }) {
    const file = (await repo.readAll(configFiles(repo, POLICY_FILES)))[0];
    if (!file)
      return outcome.fail(
        'No SECURITY.md found at the root, in .github/ or docs/',
      );
    const contact = /[\w.+-]+@[\w-]+\.[\w.-]+|https?:\/\/\S+/.exec(file.text);
    const words = file.text.split(/\s+/).filter(w => /\w/.test(w)).length;
    const disclosure = /disclos|vulnerab|report/i.test(file.text);
    const score =
      (contact ? 60 : 0) + (words >= 20 ? 30 : 0) + (disclosure ? 10 : 0);
    const missing = [
      !contact && 'a contact',
      words < 20 && 'text (20+ words)',
      !disclosure && 'disclosure wording',
    ].filter(Boolean);
    return outcome.scored(
      score,
      missing.length
        ? `${file.path} lacks ${missing.join(', ')}`
        : `${file.path} has a contact and a disclosure process`,
      [
        repo.evidence(
          file.path,
          contact ? lineOf(file.text, contact.index) : undefined,
        ),
      ],
    );
  },
};

// ----------------------------------------------------------- security-lockfile

const LOCKFILES: Record<string, string[]> = {
  npm: [
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lockb',
    'bun.lock',
  ],
  pypi: ['poetry.lock', 'uv.lock', 'Pipfile.lock', 'pdm.lock'],
  go: ['go.sum'],
  cargo: ['Cargo.lock'],
  rubygems: ['Gemfile.lock'],
  gradle: ['gradle.lockfile'],
  nuget: ['packages.lock.json'],
};

function dirOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** The lockfile for a manifest: in its folder or any ancestor up to the repository root. */
function lockFor(
  all: Set<string>,
  manifest: string,
  names: string[],
): string | undefined {
  for (let dir = dirOf(manifest); ; dir = dirOf(dir)) {
    const hit = names.map(n => (dir ? `${dir}/${n}` : n)).find(p => all.has(p));
    if (hit || !dir) return hit;
  }
}

/** A requirements file where every requirement is pinned with `==` (pip-compile output) locks too. */
function pinnedRequirements(file: TextFile): boolean {
  const reqs = file.text.split('\n').filter(l => /^\s*[A-Za-z0-9]/.test(l));
  return reqs.length > 0 && reqs.every(l => /==\s*[\w.]+/.test(l));
}

/** Ecosystems with direct dependencies, each with its manifest paths (Maven has no lockfile and is left out). */
async function ecosystems(repo: RepoView): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const dep of await dependencies(repo)) {
    if (/(^|\/)pom\.xml$/.test(dep.path)) continue;
    const eco = dep.ecosystem === 'maven' ? 'gradle' : dep.ecosystem;
    if (!out.has(eco)) out.set(eco, new Set());
    out.get(eco)!.add(dep.path);
  }
  return out;
}

/** @public */
export const securityLockfileCheck: ReadinessCheck = {
  id: 'security-lockfile',
  title: 'Lockfiles committed',
  category: 'security',
  severity: 'medium',
  description:
    "For each ecosystem with dependencies in its manifests, looks for a committed lockfile in the manifest's folder or any ancestor up to the repository root (monorepo workspaces): package-lock.json/yarn.lock/pnpm-lock.yaml, poetry.lock/uv.lock/Pipfile.lock (or fully `==`-pinned requirements), go.sum, Cargo.lock, Gemfile.lock, gradle.lockfile, packages.lock.json. Score = share of ecosystems locked. Maven has no lockfile and is not counted. Not applicable for libraries or without manifests.",
  rationale:
    'Without a lockfile every build may resolve different transitive versions, so builds are not reproducible and a compromised release can slip in unnoticed.',
  remediation:
    'Commit the lockfile your package manager writes (for example package-lock.json, poetry.lock or go.sum) and install with the frozen-lockfile option in CI.',
  effort: 'S',
  scope: 'repository',
  async applies({ repo, entity }) {
    if (isLibrary(entity))
      return {
        reason: 'Libraries leave dependency resolution to their consumers',
      };
    if (!(await ecosystems(repo)).size)
      return {
        reason:
          'No dependency manifests with dependencies (Maven has no lockfile)',
      };
    return true;
  },
  async run({ repo }) {
    const all = new Set(repo.snapshot.paths);
    const ecos = await ecosystems(repo);
    const locked: Evidence[] = [];
    const missing: string[] = [];
    for (const [eco, manifests] of ecos) {
      const locks = [...manifests].map(m =>
        lockFor(all, m, LOCKFILES[eco] ?? []),
      );
      let ok = locks.every(Boolean);
      let evidence = locks.find(Boolean);
      if (!ok && eco === 'pypi') {
        const pinned = (
          await repo.findTexts(['requirements*.txt', 'requirements/*.txt'])
        ).find(pinnedRequirements);
        ok = !!pinned;
        evidence = pinned?.path;
      }
      if (ok && evidence)
        locked.push(repo.evidence(evidence, undefined, `${eco} lockfile`));
      else missing.push(`${eco} (${[...manifests][0]})`);
    }
    const total = ecos.size;
    const summary = missing.length
      ? `${
          locked.length
        } of ${total} ecosystem(s) locked; no lockfile for ${missing.join(
          ', ',
        )}`
      : `Lockfiles committed for ${total} ecosystem(s)`;
    return outcome.scored((locked.length / total) * 100, summary, locked);
  },
};

// ------------------------------------------------- security-workflow-hardening

const USES = /^[ \t]*(?:-[ \t]+)?uses[ \t]*:[ \t]*['"]?([^\s'"#]+)/gm;

/** Top-level `permissions:` that grant nothing beyond read. */
function readOnlyPermissions(
  doc: Record<string, unknown> | undefined,
): boolean {
  if (!doc || !('permissions' in doc)) return false;
  const p = doc.permissions;
  if (p === 'read-all') return true;
  if (p && typeof p === 'object')
    return Object.values(p).every(v => v === 'read' || v === 'none');
  return false;
}

async function githubOnly(repo: RepoView): Promise<true | { reason: string }> {
  return (await parsedWorkflows(repo)).length
    ? true
    : { reason: 'No GitHub Actions workflows' };
}

/** @public */
export const securityWorkflowHardeningCheck: ReadinessCheck = {
  id: 'security-workflow-hardening',
  title: 'Least-privilege CI',
  category: 'security',
  severity: 'high',
  description:
    'For GitHub Actions: external `uses:` references pinned to a full 40-character commit SHA (50, proportional to the share pinned; `docker://…@sha256:` counts as pinned, local `./` actions are not counted), and a read-only top-level `permissions:` (`read-all`, `{}` or only `read`/`none` values) in each workflow (50, proportional over workflow files). Not applicable without GitHub Actions.',
  rationale:
    'A moved tag on a third-party action, or a token with write access, turns one compromised action into a compromised repository and release pipeline.',
  remediation:
    'Pin every action to a commit SHA (with the version in a comment; Dependabot or Renovate keep them current) and set `permissions: contents: read` at the top of each workflow, granting more per job only where needed.',
  effort: 'S',
  scope: 'repository',
  applies: ({ repo }) => githubOnly(repo),
  async run({ repo }) {
    const workflows = await parsedWorkflows(repo);
    const unpinned: Evidence[] = [];
    let external = 0;
    let pinned = 0;
    for (const w of workflows) {
      const text = uncommentedText(w.file);
      for (const m of text.matchAll(USES)) {
        const ref = m[1];
        if (ref.startsWith('./')) continue;
        external++;
        const ok = ref.startsWith('docker://')
          ? /@sha256:[0-9a-f]{64}$/.test(ref)
          : /@[0-9a-f]{40}$/.test(ref);
        if (ok) pinned++;
        else
          unpinned.push(
            repo.evidence(
              w.file.path,
              lineOf(text, m.index ?? 0),
              `${ref} not pinned to a SHA`,
            ),
          );
      }
    }
    const open = workflows.filter(w => !readOnlyPermissions(w.doc));
    const pinScore = external ? (50 * pinned) / external : 50;
    const permScore =
      (50 * (workflows.length - open.length)) / workflows.length;
    const summary = `${pinned} of ${external} action reference(s) pinned to a SHA; ${
      workflows.length - open.length
    } of ${workflows.length} workflow(s) with read-only top-level permissions`;
    return outcome.scored(pinScore + permScore, summary, [
      ...unpinned.slice(0, 5),
      ...open
        .slice(0, 5)
        .map(w =>
          repo.evidence(
            w.file.path,
            undefined,
            'no read-only top-level permissions',
          ),
        ),
    ]);
  },
};

// ------------------------------------------------ security-dangerous-workflows

const PR_HEAD_CHECKOUT =
  /\bref\s*:\s*['"]?\$\{\{\s*(?:github\.event\.pull_request\.head\.(?:sha|ref)|github\.event\.workflow_run\.head_(?:sha|branch)|github\.head_ref|github\.event\.pull_request\.merge_commit_sha)|refs\/pull\/\$\{\{|\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout)\b[^\n]*(?:head_ref|pull_request\.head|workflow_run\.head|refs\/pull\/)/;

/** Contexts an outside contributor controls (titles, bodies, branch names, commit messages). */
const UNTRUSTED =
  /\bgithub\.event\.[\w.*[\]]*\.(?:title|body)\b|\bgithub\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)\b|\bgithub\.head_ref\b|\bgithub\.event\.(?:head_commit|workflow_run\.head_commit)\.(?:message|author\.(?:email|name))\b|\bgithub\.event\.commits\b|\bgithub\.event\.workflow_run\.(?:head_branch|display_title)\b|\bgithub\.event\.pages\b/;

interface WorkflowFinding {
  file: CiFile;
  line?: number;
  note: string;
}

function injectionFindings(w: ParsedWorkflow): {
  findings: WorkflowFinding[];
  scripts: number;
} {
  const findings: WorkflowFinding[] = [];
  let scripts = 0;
  for (const job of Object.values(workflowJobs(w.doc))) {
    for (const step of Array.isArray(job?.steps) ? job.steps : []) {
      let script: string | undefined;
      if (typeof step?.run === 'string') script = step.run;
      else if (
        /github-script/.test(String(step?.uses ?? '')) &&
        typeof step?.with?.script === 'string'
      ) {
        script = step.with.script;
      }
      if (!script) continue;
      scripts++;
      for (const m of script.matchAll(/\$\{\{\s*([^}]+?)\s*\}\}/g)) {
        if (!UNTRUSTED.test(m[1])) continue;
        const firstLine =
          script.split('\n').find((l: string) => l.trim()) ?? '';
        const start = Math.max(0, w.file.text.indexOf(firstLine.trim()));
        const at = w.file.text.indexOf(m[0], start);
        findings.push({
          file: w.file,
          line: at >= 0 ? lineOf(w.file.text, at) : undefined,
          note: `run step interpolates \${{ ${m[1]} }}`,
        });
      }
    }
  }
  return { findings, scripts };
}

/** @public */
export const securityDangerousWorkflowsCheck: ReadinessCheck = {
  id: 'security-dangerous-workflows',
  title: 'No dangerous workflow patterns',
  category: 'security',
  severity: 'critical',
  description:
    'For GitHub Actions: flags `pull_request_target` or `workflow_run` workflows that check out the pull request head (`ref: ${{ github.event.pull_request.head.sha }}`, `head.ref`, `github.head_ref`, `workflow_run.head_sha`, `gh pr checkout`), and `run:` (or github-script) steps that interpolate attacker-controlled context (`github.event.*.title`/`.body`, `head.ref`, `github.head_ref`, commit messages). Not applicable without GitHub Actions.',
  rationale:
    "These patterns let anyone who opens a pull request or an issue run code with the repository's secrets and write token.",
  remediation:
    'Pass untrusted values through `env:` and reference them as shell variables ("$TITLE"), and never check out or build PR code in pull_request_target/workflow_run workflows (use pull_request instead).',
  effort: 'S',
  scope: 'repository',
  applies: ({ repo }) => githubOnly(repo),
  async run({ repo }) {
    const workflows = await parsedWorkflows(repo);
    const findings: WorkflowFinding[] = [];
    let scripts = 0;
    for (const w of workflows) {
      if (w.events.has('pull_request_target') || w.events.has('workflow_run')) {
        const text = uncommentedText(w.file);
        const m = PR_HEAD_CHECKOUT.exec(text);
        if (m) {
          const trigger = w.events.has('pull_request_target')
            ? 'pull_request_target'
            : 'workflow_run';
          findings.push({
            file: w.file,
            line: lineOf(text, m.index),
            note: `${trigger} checks out the PR head`,
          });
        }
      }
      const injection = injectionFindings(w);
      findings.push(...injection.findings);
      scripts += injection.scripts;
    }
    if (findings.length) {
      return outcome.fail(
        `${findings.length} dangerous pattern(s): ${findings
          .slice(0, 3)
          .map(f => `${f.note} (${f.file.path})`)
          .join('; ')}`,
        findings
          .slice(0, 10)
          .map(f => repo.evidence(f.file.path, f.line, f.note)),
      );
    }
    return outcome.pass(
      `No dangerous patterns in ${workflows.length} workflow(s) (${scripts} script step(s) scanned)`,
      workflows
        .slice(0, 10)
        .map(w => repo.evidence(w.file.path, undefined, 'scanned')),
    );
  },
};

/** The security checks of CHECKS.md. @public */
export const securityChecks: ReadinessCheck[] = [
  securityDependencyUpdatesCheck,
  securityVulnerabilityScanCheck,
  securitySastCheck,
  securitySecretScanningCheck,
  securityNoHardcodedSecretsCheck,
  securityPolicyCheck,
  securityLockfileCheck,
  securityWorkflowHardeningCheck,
  securityDangerousWorkflowsCheck,
];
