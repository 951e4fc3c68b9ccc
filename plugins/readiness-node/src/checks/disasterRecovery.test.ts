import { runCheck } from './testUtils';
import { disasterRecoveryChecks, drBackupsCheck, drRecoveryPlanCheck } from './disasterRecovery';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const PG = { 'package.json': JSON.stringify({ dependencies: { pg: '^8' } }) };

describe('disasterRecoveryChecks', () => {
  it('exports both checks', () => {
    expect(disasterRecoveryChecks).toEqual([drBackupsCheck, drRecoveryPlanCheck]);
  });

  it.each([drBackupsCheck, drRecoveryPlanCheck].map(c => [c.id, c] as const))(
    '%s is not applicable without a datastore',
    async (_id, check) => {
      const r = await runCheck(check, {
        'package.json': JSON.stringify({ dependencies: { express: '^4' }, devDependencies: { sqlite3: '^5' } }),
        'k8s/redis.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: cache\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n          image: redis:7\n',
        'infra/old.tf': '# resource "aws_db_instance" "db" {}\n',
      });
      expect(r.status).toBe('not-applicable');
      expect(r.summary).toMatch(/no datastore found/);
    },
  );

  it('applies with a managed database in Terraform or a postgres StatefulSet', async () => {
    const tf = await runCheck(drBackupsCheck, { 'infra/db.tf': 'resource "aws_rds_cluster" "db" {\n  engine = "aurora-postgresql"\n}\n' });
    expect(tf.status).toBe('fail');
    const sts = await runCheck(drBackupsCheck, {
      'k8s/db.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: docker.io/library/postgres:16-alpine\n',
    });
    expect(sts.status).toBe('fail');
  });
});

describe('dr-backups', () => {
  it('passes on backup_retention_period > 0', async () => {
    const r = await runCheck(drBackupsCheck, {
      'infra/db.tf': 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  backup_retention_period = 7\n}\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'infra/db.tf', line: 3 }] });
  });

  it('resolves a variable default', async () => {
    const files = (dflt: number) => ({
      'infra/db.tf': 'resource "aws_db_instance" "db" {\n  backup_retention_period = var.retention\n}\n',
      'infra/variables.tf': `variable "retention" {\n  type = number\n  default = ${dflt}\n}\n`,
    });
    expect(await runCheck(drBackupsCheck, files(14))).toMatchObject({ status: 'pass', score: 100 });
    expect(await runCheck(drBackupsCheck, files(0))).toMatchObject({ status: 'fail', score: 0 });
  });

  it('fails with evidence when retention is explicitly 0', async () => {
    const r = await runCheck(drBackupsCheck, {
      'infra/db.tf': 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  backup_retention_period = 0\n}\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [{ path: 'infra/db.tf', line: 3 }] });
    expect(r.summary).toMatch(/explicitly disabled/);
  });

  it('passes on GCP backup_configuration, AWS Backup and Azure policies', async () => {
    for (const text of [
      'resource "google_sql_database_instance" "db" {\n  settings {\n    backup_configuration {\n      enabled = true\n      point_in_time_recovery_enabled = true\n    }\n  }\n}\n',
      'resource "aws_dynamodb_table" "t" {\n  name = "t"\n}\nresource "aws_backup_plan" "daily" {\n  name = "daily"\n}\n',
      'resource "azurerm_postgresql_flexible_server" "db" {}\nresource "azurerm_backup_policy_vm" "p" {}\n',
    ]) {
      const r = await runCheck(drBackupsCheck, { 'main.tf': text });
      expect(r).toMatchObject({ status: 'pass', score: 100 });
      expect(r.evidence[0].path).toBe('main.tf');
    }
  });

  it('fails on a disabled GCP backup_configuration', async () => {
    const r = await runCheck(drBackupsCheck, {
      'main.tf': 'resource "google_sql_database_instance" "db" {\n  settings {\n    backup_configuration {\n      enabled = false\n    }\n  }\n}\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [{ path: 'main.tf', line: 3 }] });
  });

  it('passes on Velero, CloudNativePG ScheduledBackup and a pg_dump CronJob', async () => {
    const cases: Record<string, string>[] = [
      { 'k8s/velero.yaml': 'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: daily\nspec:\n  schedule: "0 3 * * *"\n' },
      { 'k8s/backup.yaml': 'apiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: db\nspec:\n  schedule: "0 0 0 * * *"\n' },
      {
        'k8s/cron.yaml':
          'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: dump\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: dump\n              image: postgres:16\n              command: ["sh", "-c", "pg_dump $DATABASE_URL | gzip > /backup/db.gz"]\n',
      },
    ];
    for (const files of cases) {
      const r = await runCheck(drBackupsCheck, { ...PG, ...files });
      expect(r).toMatchObject({ status: 'pass', score: 100 });
      expect(r.evidence[0]).toMatchObject({ path: Object.keys(files)[0], line: 1 });
    }
  });

  it('fails with a datastore and no backups; a pg_dump in a README or a non-backup CronJob does not count', async () => {
    const r = await runCheck(drBackupsCheck, {
      ...PG,
      'README.md': '# svc\n\nRun `pg_dump` by hand before upgrades.\n',
      'k8s/cron.yaml':
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: r\n              image: app\n              command: ["node", "report.js"]\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [] });
  });
});

describe('dr-recovery-plan', () => {
  const drSection = (extra: string) => `## Disaster recovery\n\n${words(45)}\n${extra}\n`;

  it('passes on RTO/RPO with durations and a dated drill', async () => {
    const r = await runCheck(drRecoveryPlanCheck, {
      ...PG,
      'docs/dr.md': `# DR\n\nRTO: 4 hours, RPO 15 min.\n\n${drSection('Last restore drill: 2025-03-14, restored in 40 minutes.')}`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence.map(e => `${e.path}:${e.line}`)).toEqual(['docs/dr.md:3', 'docs/dr.md:5']);
  });

  it('scores 50 for RTO/RPO alone and says the restore section has no date', async () => {
    const r = await runCheck(drRecoveryPlanCheck, {
      ...PG,
      'README.md': `# svc\n\n| objective | target |\n|---|---|\n| Recovery point objective | 1 h |\n\n${drSection('We restore from snapshots.')}`,
    });
    expect(r).toMatchObject({ status: 'partial', score: 50, evidence: [{ path: 'README.md', line: 5 }] });
    expect(r.summary).toMatch(/has no drill date/);
  });

  it('scores 50 for a restore script or a "March 2025" game day alone', async () => {
    const script = await runCheck(drRecoveryPlanCheck, {
      ...PG,
      'scripts/restore-db.sh': '#!/bin/sh\nset -e\npg_restore -d "$DATABASE_URL" "$1"\n',
    });
    expect(script).toMatchObject({ status: 'partial', score: 50, evidence: [{ path: 'scripts/restore-db.sh' }] });
    const gameDay = await runCheck(drRecoveryPlanCheck, {
      ...PG,
      'docs/ops.md': `## Game day\n\nHeld in March 2025. ${words(45)}\n`,
    });
    expect(gameDay).toMatchObject({ status: 'partial', score: 50, evidence: [{ path: 'docs/ops.md', line: 1 }] });
  });

  it('fails on RTO without a duration, lower-case "rto", a stub restore script and an undated section', async () => {
    const r = await runCheck(drRecoveryPlanCheck, {
      ...PG,
      'README.md': `# svc\n\nRTO and RPO: to be defined.\n\nThe proto buffers take 5 minutes to build.\n\n${drSection('Restores are possible.')}`,
      'restore.sh': '#!/bin/sh\n# TODO\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [] });
  });
});
