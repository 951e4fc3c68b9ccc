import { runCheck } from './testUtils';
import { docsDeploymentGuideCheck, documentationChecks } from './documentation';

// A section body of `n` words.
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const section = (title: string, n = 45) => `## ${title}\n\n${words(n)}\n\n`;

describe('docs-deployment-guide', () => {
  it('is exported', () => {
    expect(documentationChecks).toEqual([docsDeploymentGuideCheck]);
  });

  it('passes with all six sections, with each section as evidence', async () => {
    const r = await runCheck(docsDeploymentGuideCheck, {
      'README.md': `# svc\n\n${section('Prerequisites')}${section('Getting started')}`,
      'docs/deployment.md': `# Deploy\n\n${words(45)}\n\n${section('Monitoring')}${section('Troubleshooting')}${section('Rollback')}`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'README.md:3',
      'README.md:7',
      'docs/deployment.md:1',
      'docs/deployment.md:5',
      'docs/deployment.md:9',
      'docs/deployment.md:13',
    ]);
  });

  it('scores found / 6 and names the missing sections', async () => {
    const r = await runCheck(docsDeploymentGuideCheck, {
      'README.md': `# svc\n\n${section('Requirements')}${section('Running locally')}${section('Releasing to production')}`,
    });
    expect(r).toMatchObject({ status: 'partial', score: 50 });
    expect(r.summary).toBe('3 of 6 deployment guide sections found; missing monitoring, troubleshooting, rollback');
    expect(r.evidence).toHaveLength(3);
  });

  it('does not count stub headings, headings in code fences, CHANGELOGs or node_modules docs', async () => {
    const r = await runCheck(docsDeploymentGuideCheck, {
      'README.md': `# svc\n\n## Deployment\n\nTODO\n\n## Usage\n\n\`\`\`md\n## Monitoring\n${words(50)}\n\`\`\`\n`,
      'CHANGELOG.md': `# Changelog\n\n${section('Rollback', 60)}`,
      'node_modules/lib/README.md': section('Troubleshooting', 60),
    });
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [] });
  });

  it('reads the entity folder and the root README in a monorepo', async () => {
    const r = await runCheck(
      docsDeploymentGuideCheck,
      {
        'README.md': `# mono\n\n${section('Prerequisites')}`,
        'services/a/docs/ops.md': `# Ops\n\n${section('FAQ')}`,
        'services/b/docs/ops.md': `# Ops\n\n${section('Rollback')}`,
      },
      { entityPath: 'services/a' },
    );
    expect(r).toMatchObject({ status: 'partial', score: 33 });
    expect(r.evidence.map(e => e.path)).toEqual(['README.md', 'services/a/docs/ops.md']);
  });
});
