import { Evidence } from '@prodready/plugin-readiness-common';
import { CheckContext, outcome, ReadinessCheck } from '../api/check';
import { hasDatastore, terraformFiles } from '../facts/datastore';
import { docFiles, findSections } from '../facts/docs';
import { k8sObjects } from '../facts/kubernetes';
import { lineOf, RepoView, TextFile } from '../facts/RepoView';

async function needsDatastore(ctx: CheckContext) {
  return (await hasDatastore(ctx.repo))
    ? (true as const)
    : {
        reason:
          'Not applicable: no datastore found (no database driver in the dependencies, no managed database in Terraform, ' +
          'no database StatefulSet or CloudNativePG cluster)',
      };
}

interface Finding {
  what: string;
  path: string;
  line: number;
}

/** The `{ ... }` block that opens at or after `from`. */
function hclBlock(text: string, from: number): string {
  const open = text.indexOf('{', from);
  if (open < 0) return '';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** A Terraform value: a number, or `var.x` resolved from *.tfvars or the variable's default. */
async function tfNumber(repo: RepoView, files: TextFile[], raw: string): Promise<number | undefined> {
  if (/^\d+$/.test(raw)) return Number(raw);
  const name = /^var\.(\w+)$/.exec(raw)?.[1];
  if (!name) return undefined;
  for (const f of await repo.findTexts(['*.tfvars', '*.auto.tfvars'])) {
    const m = new RegExp(String.raw`^\s*${name}\s*=\s*(\d+)`, 'm').exec(f.text);
    if (m) return Number(m[1]);
  }
  for (const f of files) {
    const decl = new RegExp(String.raw`^\s*variable\s+"${name}"`, 'm').exec(f.text);
    const dflt = decl && /\bdefault\s*=\s*(\d+)/.exec(hclBlock(f.text, decl.index));
    if (dflt) return Number(dflt[1]);
  }
  return undefined;
}

async function terraformBackups(repo: RepoView, on: Finding[], off: Finding[]) {
  const files = await terraformFiles(repo);
  for (const f of files) {
    const at = (index: number, what: string) => ({ what, path: f.path, line: lineOf(f.text, index) });
    for (const m of f.text.matchAll(/^[ \t]*resource\s+"(aws_backup_plan|azurerm_backup_policy_\w+)"/gm)) {
      on.push(at(m.index, `Terraform ${m[1]}`));
    }
    for (const m of f.text.matchAll(/\bbackup_retention_period\s*=\s*"?([\w.]+)"?/g)) {
      const days = await tfNumber(repo, files, m[1]);
      if (days === 0) off.push(at(m.index, 'backup_retention_period = 0 (backups off)'));
      else on.push(at(m.index, days === undefined ? `backup_retention_period = ${m[1]}` : `backup_retention_period = ${days}`));
    }
    for (const m of f.text.matchAll(/\b(backup_configuration|point_in_time_recovery)\s*\{/g)) {
      const enabled = /\benabled\s*=\s*(true|false)\b/.exec(hclBlock(f.text, m.index))?.[1];
      if (enabled === 'true') on.push(at(m.index, `${m[1]} enabled`));
      if (enabled === 'false') off.push(at(m.index, `${m[1]} disabled`));
    }
    for (const m of f.text.matchAll(/\bpoint_in_time_recovery_enabled\s*=\s*true\b/g)) {
      on.push(at(m.index, 'point-in-time recovery enabled'));
    }
  }
}

const DUMP_COMMAND = /\b(pg_dump(all)?|mysqldump|mariadb-dump|mongodump)\b/;

async function kubernetesBackups(repo: RepoView, on: Finding[]) {
  for (const o of await k8sObjects(repo)) {
    const at = (what: string) => on.push({ what, path: o.path, line: o.line });
    if (o.kind === 'Schedule' && o.apiVersion.startsWith('velero.io/')) at(`Velero Schedule ${o.name ?? ''}`.trim());
    else if (o.kind === 'ScheduledBackup' && o.apiVersion.startsWith('postgresql.cnpg.io/')) {
      at(`CloudNativePG ScheduledBackup ${o.name ?? ''}`.trim());
    } else if (o.kind === 'Cluster' && o.apiVersion.startsWith('postgresql.cnpg.io/') && o.doc.spec?.backup) {
      at('CloudNativePG Cluster with backup (WAL archiving) configured');
    } else if (o.kind === 'CronJob') {
      const containers = o.doc.spec?.jobTemplate?.spec?.template?.spec?.containers ?? [];
      const dump = DUMP_COMMAND.exec(JSON.stringify(containers));
      if (dump) at(`CronJob running ${dump[1]}`);
    }
  }
}

/** @public */
export const drBackupsCheck: ReadinessCheck = {
  id: 'dr-backups',
  title: 'Backups configured',
  category: 'disaster-recovery',
  severity: 'high',
  description:
    'Looks for backups of the datastore as code: Terraform `aws_backup_plan`, `backup_retention_period` above 0 ' +
    '(a `var.` value is resolved from *.tfvars or its default; 0 means backups are off and fails), GCP ' +
    '`backup_configuration { enabled = true }` or point-in-time recovery, `azurerm_backup_policy_*`, DynamoDB ' +
    'point-in-time recovery; Velero `kind: Schedule`, CloudNativePG `ScheduledBackup` or Cluster `backup`, or a CronJob ' +
    'running pg_dump/mysqldump/mongodump. Not applicable without a datastore.',
  rationale: 'A datastore without backups turns a bad migration, a deleted table or a lost volume into permanent data loss.',
  remediation:
    'Enable automated backups with point-in-time recovery on the database (e.g. backup_retention_period >= 7, ' +
    'an AWS Backup plan or a Velero/CloudNativePG schedule) and keep the configuration in the repository.',
  effort: 'M',
  scope: 'repository',
  applies: needsDatastore,
  async run(ctx) {
    const on: Finding[] = [];
    const off: Finding[] = [];
    await terraformBackups(ctx.repo, on, off);
    await kubernetesBackups(ctx.repo, on);
    const ev = (list: Finding[]) => list.map(f => ctx.repo.evidence(f.path, f.line, f.what));
    if (on.length) {
      return outcome.pass(`Backups configured: ${on[0].what} in ${on[0].path}${on.length > 1 ? ` (+${on.length - 1} more)` : ''}`, ev(on));
    }
    if (off.length) return outcome.fail(`Backups explicitly disabled: ${off[0].what} in ${off[0].path}`, ev(off));
    return outcome.fail('No backup configuration found (Terraform backups/PITR, Velero, CloudNativePG or a dump CronJob)');
  },
};

const DURATION = /\b\d+(\.\d+)?\s*-?\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?)\b/i;
const OBJECTIVE = /\b(RTO|RPO)\b|\brecovery (time|point) objectives?\b/gi;
const DATE =
  /\b(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b|\b(Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t(ember)?)?|Oct(ober)?|Nov(ember)?|Dec(ember)?)\.?\s+(\d{1,2}(st|nd|rd|th)?,?\s+)?(19|20)\d{2}\b/;

/** RTO or RPO with a duration on the same line, near it. */
function findObjective(files: readonly TextFile[]): Finding | undefined {
  for (const f of files) {
    for (const m of f.text.matchAll(OBJECTIVE)) {
      if (/^r[tp]o$/i.test(m[0]) && m[0] !== m[0].toUpperCase()) continue; // "rto" in prose is not the acronym
      const lineStart = f.text.lastIndexOf('\n', m.index) + 1;
      const lineEnd = f.text.indexOf('\n', m.index) < 0 ? f.text.length : f.text.indexOf('\n', m.index);
      const near = f.text.slice(Math.max(lineStart, m.index - 30), Math.min(lineEnd, m.index + m[0].length + 60));
      if (DURATION.test(near)) return { what: m[0], path: f.path, line: lineOf(f.text, m.index) };
    }
  }
  return undefined;
}

async function restoreScript(repo: RepoView): Promise<Finding | undefined> {
  for (const f of await repo.findTexts(['restore*.sh', 'scripts/restore*'])) {
    // Something beyond the shebang and comments: a stub script is not a tested restore.
    const body = f.text.split('\n').filter(l => l.trim() && !/^\s*(#|\/\/|REM\b)/i.test(l));
    if (body.length) return { what: 'restore script', path: f.path, line: 1 };
  }
  return undefined;
}

/** @public */
export const drRecoveryPlanCheck: ReadinessCheck = {
  id: 'dr-recovery-plan',
  title: 'Recovery plan: RTO/RPO and a tested restore',
  category: 'disaster-recovery',
  severity: 'medium',
  description:
    'Looks in the documentation for RTO/RPO (or "recovery time/point objective") next to a duration, e.g. "RTO: 4 hours" (50); ' +
    'and for a tested restore: a restore, disaster recovery or game day section (40+ words) that carries a date ' +
    '(YYYY-MM-DD or "March 2025"), or a restore script (restore*.sh, scripts/restore*) with commands in it (50). ' +
    'Not applicable without a datastore.',
  rationale: 'Backups that were never restored may not work, and without RTO/RPO nobody knows how much downtime or data loss is acceptable.',
  remediation:
    'State the RTO and RPO in the docs, script the restore (scripts/restore.sh) and record each restore drill with its date ' +
    'in a "Disaster recovery" section.',
  effort: 'M',
  scope: 'repository',
  applies: needsDatastore,
  async run(ctx) {
    const { repo } = ctx;
    const objective = findObjective(await docFiles(repo));
    const sections = await findSections(repo, /restor|disaster recovery|game ?days?/i);
    const dated = sections.find(s => DATE.test(`${s.title}\n${s.body}`));
    const drill: Finding | undefined = dated
      ? { what: `dated drill in "${dated.title}"`, path: dated.path, line: dated.line }
      : await restoreScript(repo);
    const evidence: Evidence[] = [objective, drill]
      .filter((f): f is Finding => !!f)
      .map(f => repo.evidence(f.path, f.line, f.what));
    let drillPart = 'no dated restore drill or restore script';
    if (drill) drillPart = `${drill.what} (${drill.path})`;
    else if (sections.length) drillPart = `restore section "${sections[0].title}" has no drill date and there is no restore script`;
    const parts = [objective ? `${objective.what} with a duration in ${objective.path}` : 'no RTO/RPO with a duration', drillPart];
    return outcome.scored((objective ? 50 : 0) + (drill ? 50 : 0), parts.join('; '), evidence);
  },
};

/** The disaster-recovery checks of CHECKS.md. @public */
export const disasterRecoveryChecks: ReadinessCheck[] = [drBackupsCheck, drRecoveryPlanCheck];
