import { unlessLibrary } from '../facts/classify';
import { outcome, ReadinessCheck } from '../api/check';
import { countWords, findSections } from '../facts/docs';
import { alertDefinitions } from '../facts/observabilityFacts';
import { relativeTo } from '../facts/paths';

/** Fewer words than this is a stub, not a runbook. */
export const RUNBOOK_MIN_WORDS = 200;

const DOC_EXT = String.raw`\.(md|mdx|markdown|rst|adoc|txt)$`;
// RUNBOOK*.md, runbooks/**, docs/**/runbook*, playbook*: as documents (an Ansible playbook.yml is not a runbook).
const RUNBOOK_PATH = new RegExp(
  String.raw`(^|/)(runbook[^/]*|runbooks/.+|playbooks?[^/]*|playbooks/.+)${DOC_EXT}`,
  'i',
);

/** @public */
export const opsRunbookCheck: ReadinessCheck = {
  id: 'ops-runbook',
  applies: unlessLibrary('is not operated on its own; the services that use it carry the runbooks'),
  title: 'Runbook',
  category: 'operations',
  severity: 'high',
  description:
    `Looks for a runbook: a RUNBOOK*.md, runbooks/**, docs/**/runbook* or playbook* document with at least ` +
    `${RUNBOOK_MIN_WORDS} words (a shorter one is a stub and fails, with the file named in the summary); or a ` +
    'non-empty `runbook_url` on an alert defined in the repository; or a catalog `metadata.links` entry whose ' +
    'title or type says runbook or playbook.',
  rationale:
    'At 3 a.m. the on-call engineer needs written steps for diagnosing and mitigating the known failure modes, not tribal knowledge.',
  remediation:
    'Write a runbook (RUNBOOK.md or runbooks/) with one entry per alert: what it means, how to diagnose, how to mitigate; ' +
    'link it from the alerts (runbook_url) and from catalog-info.yaml links.',
  effort: 'M',
  scope: 'repository',
  async run(ctx) {
    const { repo, entity } = ctx;
    const paths = repo.entityFiles().filter(p => RUNBOOK_PATH.test(relativeTo(p, repo.entityPath) ?? ''));
    const docs = (await repo.readAll(paths)).map(f => ({ path: f.path, words: countWords(f.text) }));
    const full = docs.filter(d => d.words >= RUNBOOK_MIN_WORDS);
    if (full.length) {
      return outcome.pass(
        `Runbook ${full[0].path} (${full[0].words} words)${full.length > 1 ? ` and ${full.length - 1} more` : ''}`,
        full.map(d => repo.evidence(d.path, undefined, `${d.words} words`)),
      );
    }

    const alert = (await alertDefinitions(repo)).find(d => d.runbookLine !== undefined);
    if (alert) {
      return outcome.pass(`Alerts link a runbook (runbook_url in ${alert.path})`, [
        repo.evidence(alert.path, alert.runbookLine, 'runbook_url'),
      ]);
    }

    const link = (entity.metadata.links ?? []).find(l => /runbook|playbook/i.test(`${l.title ?? ''} ${l.type ?? ''}`));
    if (link) return outcome.pass(`Catalog link to a runbook: ${link.title ?? link.type} (${link.url})`);

    if (docs.length) {
      const best = docs.reduce((a, b) => (b.words > a.words ? b : a));
      return outcome.fail(
        `Runbook ${best.path} is too short to be useful (${best.words} words, at least ${RUNBOOK_MIN_WORDS} needed)`,
        docs.map(d => repo.evidence(d.path, undefined, `${d.words} words`)),
      );
    }
    return outcome.fail('No runbook document, alert runbook_url or catalog runbook link found');
  },
};

const INCIDENT_HEADING = /incident response|incident management|escalation|severity levels?|post-?mortems?/i;
// Placeholders that do not make a postmortem.
const NOT_A_POSTMORTEM = /(^|\/)(\.[^/]*|README[^/]*|[^/]*template[^/]*)$/i;

/** @public */
export const opsIncidentResponseCheck: ReadinessCheck = {
  id: 'ops-incident-response',
  applies: unlessLibrary('is not operated on its own; incidents belong to the services that use it'),
  title: 'Incident response',
  category: 'operations',
  severity: 'medium',
  description:
    'Looks for a documented incident process: a heading on incident response, incident management, escalation, ' +
    'severity levels or postmortems with at least 40 words under it; or a docs/postmortems/ folder holding at least ' +
    'one postmortem (dotfiles, READMEs and templates do not count).',
  rationale:
    'Without an agreed escalation path and severity levels, incidents are handled ad hoc; without postmortems the same failures recur.',
  remediation:
    'Document escalation contacts, severity levels and the postmortem process (e.g. an "Incident response" section), ' +
    'and keep postmortems in docs/postmortems/.',
  effort: 'S',
  scope: 'repository',
  async run(ctx) {
    const { repo } = ctx;
    const [section] = await findSections(repo, INCIDENT_HEADING);
    if (section) {
      return outcome.pass(`Incident process documented: "${section.title}" in ${section.path}`, [
        repo.evidence(section.path, section.line, section.title),
      ]);
    }
    const postmortems = repo.find(['docs/postmortems/**', 'docs/post-mortems/**']).filter(p => !NOT_A_POSTMORTEM.test(p));
    if (postmortems.length) {
      return outcome.pass(
        `${postmortems.length} postmortem${postmortems.length > 1 ? 's' : ''} in docs/postmortems/`,
        postmortems.slice(0, 5).map(p => repo.evidence(p)),
      );
    }
    return outcome.fail('No incident response, escalation or postmortem documentation found');
  },
};

/** The operations checks of CHECKS.md. @public */
export const operationsChecks: ReadinessCheck[] = [opsRunbookCheck, opsIncidentResponseCheck];
