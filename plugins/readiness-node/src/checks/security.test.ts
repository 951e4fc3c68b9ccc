import { runCheck, testEntity } from './testUtils';
import {
  securityChecks,
  securityDangerousWorkflowsCheck,
  securityDependencyUpdatesCheck,
  securityLockfileCheck,
  securityNoHardcodedSecretsCheck,
  securityPolicyCheck,
  securitySastCheck,
  securitySecretScanningCheck,
  securityVulnerabilityScanCheck,
  securityWorkflowHardeningCheck,
} from './security';

const step = (run: string) =>
  `on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;
// Built at run time so that this file itself holds no key-shaped literal.
const AWS_KEY = ['AKIA', 'Q3EGRT5NHC2Z7VBY'].join('');
const GH_TOKEN = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'}`;

describe('securityChecks', () => {
  it('exports all nine checks', () => {
    expect(securityChecks).toHaveLength(9);
  });
});

describe('security-dependency-updates', () => {
  it('passes on Dependabot with an ecosystem', async () => {
    const r = await runCheck(securityDependencyUpdatesCheck, {
      '.github/dependabot.yml':
        'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/dependabot.yml',
      line: 3,
    });
  });

  it('passes on renovate.json at the root of a monorepo and on a package.json renovate key', async () => {
    const mono = await runCheck(
      securityDependencyUpdatesCheck,
      {
        'renovate.json': '{"extends":["config:recommended"]}',
        'svc/a/index.ts': '',
      },
      { entityPath: 'svc/a' },
    );
    expect(mono).toMatchObject({ status: 'pass', score: 100 });
    const pkg = await runCheck(securityDependencyUpdatesCheck, {
      'package.json': '{"renovate": {"extends": []}}',
    });
    expect(pkg).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails on a stub dependabot.yml, or a renovate.json deep in another folder', async () => {
    const r = await runCheck(securityDependencyUpdatesCheck, {
      '.github/dependabot.yml': 'version: 2\n',
      'other/pkg/renovate.json': '{}',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('security-vulnerability-scan', () => {
  it('passes on trivy in CI', async () => {
    const r = await runCheck(securityVulnerabilityScanCheck, {
      '.github/workflows/s.yml': step('trivy fs --exit-code 1 .'),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/s.yml',
      line: 6,
    });
  });

  it('passes on the GitLab dependency scanning template', async () => {
    const r = await runCheck(securityVulnerabilityScanCheck, {
      '.gitlab-ci.yml':
        'include:\n  - template: Jobs/Dependency-Scanning.gitlab-ci.yml\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails without a scanner (a commented-out one does not count)', async () => {
    const r = await runCheck(securityVulnerabilityScanCheck, {
      '.github/workflows/s.yml': `${step(
        'npm test',
      )}      # - run: npm audit\n`,
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('security-sast', () => {
  it('passes on CodeQL analyze', async () => {
    const r = await runCheck(securitySastCheck, {
      '.github/workflows/codeql.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - uses: github/codeql-action/init@v3\n      - uses: github/codeql-action/analyze@v3\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ line: 6 });
  });

  it('passes on sonar-project.properties', async () => {
    const r = await runCheck(securitySastCheck, {
      'sonar-project.properties': 'sonar.projectKey=x',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails on CodeQL init without analyze', async () => {
    const r = await runCheck(securitySastCheck, {
      '.github/workflows/codeql.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - uses: github/codeql-action/init@v3\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('security-secret-scanning', () => {
  it('passes on gitleaks in CI or pre-commit, or .gitleaks.toml', async () => {
    const ci = await runCheck(securitySecretScanningCheck, {
      '.github/workflows/s.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - uses: gitleaks/gitleaks-action@v2\n',
    });
    expect(ci).toMatchObject({ status: 'pass', score: 100 });
    const hook = await runCheck(securitySecretScanningCheck, {
      '.pre-commit-config.yaml':
        'repos:\n  - repo: https://github.com/Yelp/detect-secrets\n    hooks:\n      - id: detect-secrets\n',
    });
    expect(hook).toMatchObject({ status: 'pass', score: 100 });
    expect(hook.evidence[0]).toMatchObject({
      path: '.pre-commit-config.yaml',
      line: 2,
    });
    const cfg = await runCheck(securitySecretScanningCheck, {
      '.gitleaks.toml': 'title = "x"',
    });
    expect(cfg).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails without secret scanning', async () => {
    const r = await runCheck(securitySecretScanningCheck, {
      '.github/workflows/s.yml': step('npm test'),
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('security-no-hardcoded-secrets', () => {
  it('passes on a clean tree and says how much it scanned', async () => {
    const r = await runCheck(securityNoHardcodedSecretsCheck, {
      'src/a.ts': 'export const region = "eu-west-1";',
      'README.md': '# a',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.summary).toContain('1 file(s) scanned');
  });

  it('fails on an AWS key id in source, and redacts it', async () => {
    const r = await runCheck(securityNoHardcodedSecretsCheck, {
      'src/config.ts': `\nconst key = "${AWS_KEY}";\n`,
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence[0]).toMatchObject({ path: 'src/config.ts', line: 2 });
    expect(JSON.stringify(r)).not.toContain(AWS_KEY);
    expect(r.evidence[0].note).toContain('AKIA********');
  });

  it('fails on a GitHub token, a Slack token and a private key', async () => {
    const r = await runCheck(securityNoHardcodedSecretsCheck, {
      'app/gh.py': `TOKEN = "${GH_TOKEN}"`,
      'app/slack.py': `SLACK = "xoxb-${'123456789012'}-${'AbCdEfGh1234IjKl'}"`,
      'deploy/key.pem': `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Ru'}qkbZbJUJ4UVKcCBgwy7yw\n-----END RSA PRIVATE KEY-----\n`,
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence.map(e => e.path).sort()).toEqual([
      'app/gh.py',
      'app/slack.py',
      'deploy/key.pem',
    ]);
    expect(JSON.stringify(r)).not.toContain(GH_TOKEN);
  });

  it('finds every key, on CRLF lines and on a last line without a newline, file after file', async () => {
    const a3t = ['A3TX', 'Q3EGRT5NHC2Z7VBY'].join('');
    const r = await runCheck(securityNoHardcodedSecretsCheck, {
      'src/a.py': `A = 1\r\nKEY = "${AWS_KEY}"\r\nTOKEN = ${GH_TOKEN}`,
      'src/b.py': `K = "${a3t}"`,
      'src/c.py': 'print("no key here")\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.summary).toMatch(/^3 hardcoded secret\(s\)/);
    expect(r.evidence.map(e => `${e.path}:${e.line}`).sort()).toEqual([
      'src/a.py:2',
      'src/a.py:3',
      'src/b.py:1',
    ]);
    for (const secret of [AWS_KEY, GH_TOKEN, a3t])
      expect(JSON.stringify(r)).not.toContain(secret);
  });

  it('allows the AWS EXAMPLE key, keys in node_modules, fixtures, tests and docs, and a bare PEM header in code', async () => {
    const r = await runCheck(securityNoHardcodedSecretsCheck, {
      'src/a.ts':
        'const k = "AKIAIOSFODNN7EXAMPLE";\nif (pem.startsWith("-----BEGIN PRIVATE KEY-----")) {}\nconst t = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";',
      'node_modules/aws/creds.js': `"${AWS_KEY}"`,
      'src/__fixtures__/creds.json': `"${AWS_KEY}"`,
      'src/redact.test.ts': `"${AWS_KEY}"`,
      'docs/setup.md': `export AWS_ACCESS_KEY_ID=${AWS_KEY}`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('skips lockfiles, minified files, source maps and files over 512 KiB', async () => {
    const r = await runCheck(securityNoHardcodedSecretsCheck, {
      'package-lock.json': `"${AWS_KEY}"`,
      'public/app.min.js': `"${AWS_KEY}"`,
      'public/app.js.map': `"${AWS_KEY}"`,
      'data/big.txt': `${'x'.repeat(600 * 1024)}${AWS_KEY}`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('flags committed .env files but not .env.example', async () => {
    const fail = await runCheck(securityNoHardcodedSecretsCheck, {
      '.env': 'PORT=3000\nDB_PASSWORD=hunter2x\n',
      '.env.local': 'FEATURE_FLAG=on\n',
      '.env.production': 'DATABASE_URL=postgres://app:s3cretPw@db:5432/app\n',
    });
    expect(fail).toMatchObject({ status: 'fail', score: 0 });
    expect(fail.evidence.map(e => `${e.path}:${e.line}`).sort()).toEqual([
      '.env.local:1',
      '.env.production:1',
      '.env:2',
    ]);
    expect(JSON.stringify(fail)).not.toContain('hunter2x');
    expect(JSON.stringify(fail)).not.toContain('s3cretPw');

    const ok = await runCheck(securityNoHardcodedSecretsCheck, {
      '.env.example': 'DB_PASSWORD=hunter2x\n',
      '.env.development': 'PORT=3000\nAPI_TOKEN=\nDB_PASSWORD=${DB_PASSWORD}\n',
    });
    expect(ok).toMatchObject({ status: 'pass', score: 100 });
  });

  it('allows the test environment file and a "user:pass" URL placeholder', async () => {
    const r = await runCheck(securityNoHardcodedSecretsCheck, {
      '.env.test': 'NODE_ENV=test\nSESSION_SECRET=4c1f0e5ad0933d7f6fd8f4dbb3e038c5\nOAUTH_CLIENT_SECRET=client-secret\n',
      '.env.testing': 'API_TOKEN=tok-for-tests-only\n',
      '.env.development': 'DATABASE_URL=postgres://user:pass@127.0.0.1:5432/app\nLOG_LEVEL=debug\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('flags a Dockerfile ENV holding a secret, not a variable or a file path', async () => {
    const r = await runCheck(securityNoHardcodedSecretsCheck, {
      Dockerfile:
        'FROM node:22\nARG NPM_TOKEN\nENV DB_PASSWORD_FILE=/run/secrets/db API_KEY=$API_KEY\nENV JWT_SECRET="s0me-l0ng-value"\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0]).toMatchObject({ path: 'Dockerfile', line: 4 });
    expect(JSON.stringify(r)).not.toContain('s0me-l0ng-value');
  });

  it('flags a Secret manifest with data, not stringData: {} or templated values', async () => {
    const fail = await runCheck(securityNoHardcodedSecretsCheck, {
      'k8s/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: aHVudGVyMg==\n',
    });
    expect(fail).toMatchObject({ status: 'fail', score: 0 });
    expect(fail.evidence[0]).toMatchObject({
      path: 'k8s/secret.yaml',
      line: 1,
    });
    expect(JSON.stringify(fail)).not.toContain('aHVudGVyMg==');

    const ok = await runCheck(securityNoHardcodedSecretsCheck, {
      'k8s/empty.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\nstringData: {}\n',
      'chart/templates/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\nstringData:\n  password: {{ .Values.password | quote }}\n',
      'k8s/envsubst.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\nstringData:\n  token: ${API_TOKEN}\n',
    });
    expect(ok).toMatchObject({ status: 'pass', score: 100 });
  });

  it('scans top-level repository files in a monorepo but not other services', async () => {
    const r = await runCheck(
      securityNoHardcodedSecretsCheck,
      {
        '.env': 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCY1234567\n',
        'svc/b/a.py': `K = "${AWS_KEY}"`,
        'svc/a/main.py': '',
      },
      { entityPath: 'svc/a' },
    );
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence.map(e => e.path)).toEqual(['.env']);
  });
});

describe('security-policy', () => {
  it('passes on a full policy in .github/', async () => {
    const r = await runCheck(securityPolicyCheck, {
      '.github/SECURITY.md':
        '# Security\n\nPlease report any vulnerability privately to security@example.com. We acknowledge reports within two days and coordinate a public disclosure date with you once a fix ships.\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/SECURITY.md',
      line: 3,
    });
  });

  it('gives 70 to a contact with no real text', async () => {
    const r = await runCheck(securityPolicyCheck, {
      'SECURITY.md': 'Mail security@example.com about vulnerabilities.',
    });
    expect(r).toMatchObject({ status: 'partial', score: 70 });
  });

  it('gives 40 to text without a contact', async () => {
    const r = await runCheck(securityPolicyCheck, {
      'docs/SECURITY.rst':
        'We take security seriously and ask that you tell the maintainers about any vulnerability you find before you tell anyone else please.',
    });
    expect(r).toMatchObject({ status: 'partial', score: 40 });
  });

  it('fails without a policy, or with an empty one, or one deep in another folder', async () => {
    const r = await runCheck(securityPolicyCheck, {
      'SECURITY.md': '',
      'lib/x/SECURITY.md': 'report to a@b.co',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('security-lockfile', () => {
  it('passes with a lockfile per ecosystem', async () => {
    const r = await runCheck(securityLockfileCheck, {
      'package.json': '{"dependencies":{"express":"^4"}}',
      'package-lock.json': '{}',
      'go.mod': 'module x\n\nrequire github.com/lib/pq v1.10.9\n',
      'go.sum': '',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence.map(e => e.path).sort()).toEqual([
      'go.sum',
      'package-lock.json',
    ]);
  });

  it('finds the lockfile at the repository root of a monorepo', async () => {
    const r = await runCheck(
      securityLockfileCheck,
      {
        'yarn.lock': '',
        'packages/api/package.json': '{"dependencies":{"express":"^4"}}',
      },
      { entityPath: 'packages/api' },
    );
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0].path).toBe('yarn.lock');
  });

  it('scores the share of ecosystems locked', async () => {
    const r = await runCheck(securityLockfileCheck, {
      'package.json': '{"dependencies":{"express":"^4"}}',
      'yarn.lock': '',
      'pyproject.toml':
        '[project]\nname = "x"\ndependencies = ["fastapi>=0.110"]\n',
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.summary).toContain('pypi');
  });

  it('counts fully pinned requirements as a Python lock', async () => {
    const r = await runCheck(securityLockfileCheck, {
      'requirements.txt': 'flask==3.0.2\nrequests==2.31.0\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails without a lockfile', async () => {
    const r = await runCheck(securityLockfileCheck, {
      'requirements.txt': 'flask>=3\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('is N/A for libraries, without manifests, and for Maven only', async () => {
    const lib = await runCheck(
      securityLockfileCheck,
      { 'package.json': '{"dependencies":{"a":"1"}}' },
      {
        entity: testEntity({ spec: { type: 'library' } }),
      },
    );
    expect(lib.status).toBe('not-applicable');
    const none = await runCheck(securityLockfileCheck, { 'main.sh': 'echo' });
    expect(none.status).toBe('not-applicable');
    const maven = await runCheck(securityLockfileCheck, {
      'pom.xml':
        '<project><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId></dependency></dependencies></project>',
    });
    expect(maven.status).toBe('not-applicable');
  });
});

const SHA = 'b4ffde65f46336ab88eb53be808477a3936bae11';

describe('security-workflow-hardening', () => {
  it('passes when actions are pinned by SHA and permissions are read-only', async () => {
    const r = await runCheck(securityWorkflowHardeningCheck, {
      '.github/workflows/a.yml': `on: push\npermissions: read-all\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@${SHA} # v4\n      - uses: ./.github/actions/setup\n      - uses: docker://alpine@sha256:${'a'.repeat(
        64,
      )}\n`,
      '.github/workflows/b.yml':
        'on: push\npermissions:\n  contents: read\n  pull-requests: none\njobs:\n  b:\n    steps:\n      - run: echo\n',
      '.github/workflows/c.yml':
        'on: push\npermissions: {}\njobs:\n  c:\n    steps:\n      - run: echo\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('scores pinning and permissions proportionally', async () => {
    const r = await runCheck(securityWorkflowHardeningCheck, {
      '.github/workflows/a.yml': `on: push\npermissions:\n  contents: write\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@${SHA}\n      - uses: actions/setup-node@v4\n`,
      '.github/workflows/b.yml':
        'on: push\npermissions: read-all\njobs:\n  b:\n    steps:\n      - run: echo\n',
    });
    // 1 of 2 pinned (25) + 1 of 2 workflows read-only (25)
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/a.yml',
      line: 8,
    });
  });

  it('fails with tags and no permissions', async () => {
    const r = await runCheck(securityWorkflowHardeningCheck, {
      '.github/workflows/a.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://alpine:3\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('is N/A outside GitHub Actions', async () => {
    const r = await runCheck(securityWorkflowHardeningCheck, {
      '.gitlab-ci.yml': 'test:\n  script: make\n',
    });
    expect(r.status).toBe('not-applicable');
  });
});

describe('security-dangerous-workflows', () => {
  it('passes on safe workflows and lists what it scanned', async () => {
    const r = await runCheck(securityDangerousWorkflowsCheck, {
      '.github/workflows/a.yml':
        'on: pull_request_target\njobs:\n  label:\n    steps:\n      - uses: actions/labeler@v5\n      - env:\n          TITLE: ${{ github.event.pull_request.title }}\n        run: echo "$TITLE"\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0].path).toBe('.github/workflows/a.yml');
    expect(r.summary).toContain('1 workflow(s)');
  });

  it('fails on pull_request_target checking out the PR head', async () => {
    const r = await runCheck(securityDangerousWorkflowsCheck, {
      '.github/workflows/a.yml':
        'on: pull_request_target\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm test\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence[0]).toMatchObject({
      path: '.github/workflows/a.yml',
      line: 7,
    });
  });

  it('fails on workflow_run checking out the head sha', async () => {
    const r = await runCheck(securityDangerousWorkflowsCheck, {
      '.github/workflows/a.yml':
        'on:\n  workflow_run:\n    workflows: [ci]\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('does not flag a PR-head checkout under plain pull_request', async () => {
    const r = await runCheck(securityDangerousWorkflowsCheck, {
      '.github/workflows/a.yml':
        'on: pull_request\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails on run steps that interpolate untrusted input', async () => {
    const r = await runCheck(securityDangerousWorkflowsCheck, {
      '.github/workflows/a.yml':
        'on: issues\njobs:\n  t:\n    steps:\n      - run: |\n          echo "checking"\n          echo "${{ github.event.issue.title }}"\n      - run: echo ${{ github.head_ref }}\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence.map(e => e.line)).toEqual([7, 8]);
  });

  it('is N/A outside GitHub Actions', async () => {
    const r = await runCheck(securityDangerousWorkflowsCheck, {
      Jenkinsfile: 'pipeline {}',
    });
    expect(r.status).toBe('not-applicable');
  });
});
