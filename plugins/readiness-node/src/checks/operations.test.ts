import { runCheck, testEntity } from './testUtils';
import { operationsChecks, opsIncidentResponseCheck, opsRunbookCheck } from './operations';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('ops-runbook', () => {
  it('is exported', () => {
    expect(operationsChecks).toEqual([opsRunbookCheck, opsIncidentResponseCheck]);
  });

  it('passes on a RUNBOOK.md of 200+ words', async () => {
    const r = await runCheck(opsRunbookCheck, { 'RUNBOOK.md': `# Runbook\n\n${words(210)}\n` });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'RUNBOOK.md' }] });
  });

  it('passes on runbooks/ and docs/**/runbook* documents', async () => {
    for (const path of ['runbooks/high-latency.md', 'docs/ops/runbook-db.md', 'docs/playbook.md']) {
      const r = await runCheck(opsRunbookCheck, { [path]: words(250) });
      expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path }] });
    }
  });

  it('fails on a stub runbook and says it is too short', async () => {
    const r = await runCheck(opsRunbookCheck, { 'RUNBOOK.md': '# Runbook\n\nTODO: write this.\n' });
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [{ path: 'RUNBOOK.md' }] });
    expect(r.summary).toMatch(/RUNBOOK\.md is too short.*\(4 words, at least 200 needed\)/);
  });

  it('passes on an alert runbook_url', async () => {
    const r = await runCheck(opsRunbookCheck, {
      'alerts.yaml':
        'groups:\n  - name: svc\n    rules:\n      - alert: Down\n        expr: up == 0\n        annotations:\n          runbook_url: https://wiki/runbooks/down\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'alerts.yaml', line: 7 }] });
  });

  it('passes on a catalog link titled runbook', async () => {
    const entity = testEntity({ metadata: { links: [{ url: 'https://wiki/svc', title: 'On-call Runbook' }] } });
    const r = await runCheck(opsRunbookCheck, {}, { entity });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.summary).toMatch(/On-call Runbook/);
  });

  it('fails without a runbook; an Ansible playbook.yml and a runbook in node_modules do not count', async () => {
    const r = await runCheck(
      opsRunbookCheck,
      {
        'ansible/playbook.yml': `- hosts: all\n  tasks: []\n# ${words(300)}\n`,
        'node_modules/x/RUNBOOK.md': words(300),
      },
      { entity: testEntity({ metadata: { links: [{ url: 'https://grafana/d/1', title: 'Dashboard' }] } }) },
    );
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [] });
    expect(r.summary).toMatch(/No runbook/);
  });
});

describe('ops-incident-response', () => {
  it('passes on an escalation section', async () => {
    const r = await runCheck(opsIncidentResponseCheck, {
      'docs/operations.md': `# Operations\n\n## Escalation\n\n${words(60)}\n`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'docs/operations.md', line: 3 }] });
  });

  it('passes on a postmortem in docs/postmortems/', async () => {
    const r = await runCheck(opsIncidentResponseCheck, {
      'docs/postmortems/2024-05-01-outage.md': '# Outage\n\nShort.\n',
      'docs/postmortems/TEMPLATE.md': '# Template\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'docs/postmortems/2024-05-01-outage.md' }] });
  });

  it('fails on a stub heading, an empty postmortems folder and a template only', async () => {
    const r = await runCheck(opsIncidentResponseCheck, {
      'README.md': '# svc\n\n## Incident response\n\nTBD\n',
      'docs/postmortems/.gitkeep': '',
      'docs/postmortems/postmortem-template.md': `# Postmortem template\n\n${words(10)}\n`,
    });
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [] });
  });
});
