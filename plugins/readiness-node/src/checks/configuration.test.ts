import { runCheck, testEntity } from './testUtils';
import {
  configEnvTemplateCheck,
  configExternalSecretsCheck,
  configPerEnvironmentCheck,
} from './configuration';

const library = testEntity({ spec: { type: 'library' } });
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('config-env-template', () => {
  it('passes on a .env.example with variables', async () => {
    const r = await runCheck(configEnvTemplateCheck, {
      '.env.example': '# Database\nDATABASE_URL=postgres://localhost/app\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path: '.env.example', line: 2 });
  });

  it.each(['deploy/env.sample', 'env.example', 'sample.env'])('passes on a template named without the leading dot (%s)', async path => {
    const r = await runCheck(configEnvTemplateCheck, { [path]: '# Postgres\nDB_URL=postgres://db/app\nAPP_KEY=replace-me\n' });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path, line: 2 });
  });

  it('passes on a Configuration section in the README', async () => {
    const r = await runCheck(configEnvTemplateCheck, {
      'README.md': `# App\n\n## Environment variables\n\n${words(45)}\n`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path: 'README.md', line: 3 });
  });

  it('fails without a template or section', async () => {
    const r = await runCheck(configEnvTemplateCheck, {
      'README.md': '# App\n\n## Configuration\n\nSee the wiki.\n',
      'src/index.ts': 'process.env.PORT',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('fails on an empty template (a stub)', async () => {
    const r = await runCheck(configEnvTemplateCheck, { '.env.example': '# fill me in\n' });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence[0].path).toBe('.env.example');
  });

  it('ignores templates inside node_modules', async () => {
    const r = await runCheck(configEnvTemplateCheck, { 'node_modules/x/.env.example': 'A=1\n' });
    expect(r.status).toBe('fail');
  });

  it('uses the repository root template in a monorepo', async () => {
    const r = await runCheck(
      configEnvTemplateCheck,
      { '.env.example': 'A=1\n', 'services/api/index.ts': '', 'services/other/.env.example': 'B=1\n' },
      { entityPath: 'services/api' },
    );
    expect(r).toMatchObject({ status: 'pass' });
    expect(r.evidence[0].path).toBe('.env.example');
  });

  it('is not applicable to libraries', async () => {
    const r = await runCheck(configEnvTemplateCheck, {}, { entity: library });
    expect(r.status).toBe('not-applicable');
  });
});

describe('config-per-environment', () => {
  it.each([
    ['config/production.json'],
    ['src/main/resources/application-prod.yml'],
    ['appsettings.Production.json'],
    ['chart/values-staging.yaml'],
    ['deploy/overlays/prod/kustomization.yaml'],
    ['infra/prod.tfvars'],
    ['infra/environments/staging/terraform.tfvars'],
    ['app-config.production.yaml'],
  ])('passes on %s', async path => {
    const r = await runCheck(configPerEnvironmentCheck, { [path]: 'x' });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0].path).toBe(path);
  });

  it.each([
    ['config/default.json'],
    ['src/test/resources/application-test.yml'],
    ['infra/terraform.tfvars'],
    ['app-config.local.yaml'],
    ['node_modules/pkg/config/production.json'],
  ])('fails on %s alone', async path => {
    const r = await runCheck(configPerEnvironmentCheck, { [path]: 'x', 'src/index.ts': '' });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('is not applicable to libraries', async () => {
    const r = await runCheck(configPerEnvironmentCheck, {}, { entity: library });
    expect(r.status).toBe('not-applicable');
  });
});

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1.0
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: password
`;

const plainSecret = `apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  password: c3VwZXJzZWNyZXQ=
`;

describe('config-external-secrets', () => {
  it('passes on secretKeyRef', async () => {
    const r = await runCheck(configExternalSecretsCheck, { 'k8s/deployment.yaml': deployment });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path: 'k8s/deployment.yaml', line: 14 });
  });

  it('passes on an ExternalSecret', async () => {
    const r = await runCheck(configExternalSecretsCheck, {
      'k8s/es.yaml':
        'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  secretStoreRef:\n    name: vault\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('passes on Vault agent annotations', async () => {
    const r = await runCheck(configExternalSecretsCheck, {
      'k8s/d.yaml': deployment.replace(
        'spec:\n  template:\n',
        'spec:\n  template:\n    metadata:\n      annotations:\n        vault.hashicorp.com/agent-inject: "true"\n',
      ).replace(/valueFrom[\s\S]*$/, 'value: x\n'),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.summary).toContain('Vault');
  });

  it('passes on a .sops.yaml and a SOPS-encrypted Secret', async () => {
    const r = await runCheck(configExternalSecretsCheck, {
      '.sops.yaml': 'creation_rules:\n  - kms: arn:aws:kms:eu-west-1:1:key/x\n',
      'k8s/secret.yaml': plainSecret.replace('c3VwZXJzZWNyZXQ=', 'ENC[AES256_GCM,data:abc,type:str]'),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails on a plaintext Secret, pointing at the data line without the value', async () => {
    const r = await runCheck(configExternalSecretsCheck, {
      'k8s/deployment.yaml': deployment,
      'k8s/secret.yaml': plainSecret,
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
    expect(r.evidence[0]).toMatchObject({ path: 'k8s/secret.yaml', line: 6 });
    expect(JSON.stringify(r)).not.toContain('c3VwZXJzZWNyZXQ=');
    expect(r.summary).toContain('secretKeyRef');
  });

  it('fails on stringData in a multi-document file', async () => {
    const r = await runCheck(configExternalSecretsCheck, {
      'k8s/all.yaml': `${deployment}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  token: abc\n`,
    });
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ path: 'k8s/all.yaml', line: 22 });
  });

  it('does not count a Helm-templated Secret as plaintext', async () => {
    const r = await runCheck(configExternalSecretsCheck, {
      'chart/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
      'chart/templates/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  password: {{ .Values.password | b64enc }}\n',
      'chart/templates/deployment.yaml': deployment,
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails when deployment config has no external secret source', async () => {
    const r = await runCheck(configExternalSecretsCheck, {
      'docker-compose.yml': 'services:\n  api:\n    image: api\n    environment:\n      - PORT=80\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('ignores plaintext Secrets in test fixtures', async () => {
    const r = await runCheck(configExternalSecretsCheck, {
      'k8s/deployment.yaml': deployment,
      'test/fixtures/secret.yaml': plainSecret,
    });
    expect(r.status).toBe('pass');
  });

  it('is not applicable without deployment configuration, and says so', async () => {
    const r = await runCheck(configExternalSecretsCheck, { 'src/index.ts': 'x', 'README.md': '# x' });
    expect(r.status).toBe('not-applicable');
    expect(r.summary).toMatch(/no deployment configuration/i);
  });
});
