import { unlessLibrary } from '../facts/classify';
import { outcome, ReadinessCheck } from '../api/check';
import { findSections } from '../facts/docs';

// The six sections of a deployment guide: H(x) of CHECKS.md each.
const SECTIONS: { name: string; pattern: RegExp }[] = [
  { name: 'prerequisites', pattern: /\b(prerequisites?|requirements)\b/i },
  { name: 'getting started', pattern: /\b(getting started|local setup|running locally)\b/i },
  { name: 'deployment', pattern: /\b(deploy\w*|releas\w*|production)\b/i },
  { name: 'monitoring', pattern: /\b(monitoring|observability)\b/i },
  { name: 'troubleshooting', pattern: /\b(troubleshoot\w*|faqs?|known issues)\b/i },
  { name: 'rollback', pattern: /\b(rollbacks?|roll back|revert\w*)\b/i },
];

/** @public */
export const docsDeploymentGuideCheck: ReadinessCheck = {
  id: 'docs-deployment-guide',
  applies: unlessLibrary('is not deployed on its own, so it has no deployment guide'),
  title: 'Deployment guide',
  category: 'documentation',
  severity: 'medium',
  description:
    'Looks in the README, root Markdown and docs/ for six sections, each a heading with at least 40 words under it: ' +
    'prerequisites/requirements, getting started/local setup/running locally, deploy/release/production, ' +
    'monitoring/observability, troubleshooting/FAQ/known issues, rollback/revert. Score = sections found / 6.',
  rationale:
    'Without a written deployment guide, releases and incident handling depend on the memory of whoever set the service up.',
  remediation:
    'Write a DEPLOYMENT.md (or docs/deployment.md) with sections for prerequisites, local setup, deploying to production, ' +
    'monitoring, troubleshooting and rollback, each with concrete commands and links.',
  effort: 'M',
  scope: 'repository',
  async run(ctx) {
    const found: { name: string; path: string; line: number }[] = [];
    for (const s of SECTIONS) {
      const [best] = await findSections(ctx.repo, s.pattern);
      if (best) found.push({ name: s.name, path: best.path, line: best.line });
    }
    const missing = SECTIONS.filter(s => !found.some(f => f.name === s.name)).map(s => s.name);
    const evidence = found.map(f => ctx.repo.evidence(f.path, f.line, f.name));
    const summary = !found.length
      ? 'No deployment guide sections (prerequisites, setup, deploy, monitoring, troubleshooting, rollback) with 40+ words found'
      : `${found.length} of 6 deployment guide sections found${missing.length ? `; missing ${missing.join(', ')}` : ''}`;
    return outcome.scored((found.length / 6) * 100, summary, evidence);
  },
};

/** The documentation checks of CHECKS.md. @public */
export const documentationChecks: ReadinessCheck[] = [docsDeploymentGuideCheck];
