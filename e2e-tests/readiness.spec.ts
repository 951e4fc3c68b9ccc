import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, signIn, test, waitForScorecards } from './fixtures';
import { e2eDir } from './paths';

const EXAMPLE_COMPONENTS = 7;
const shot = (name: string) => join(__dirname, 'screenshots', `${name}.png`);

test.beforeAll(async ({ request }) => {
  await waitForScorecards(request, EXAMPLE_COMPONENTS);
});

test('the leaderboard ranks the examples, filters by level and owner, groups teams and exports CSV', async ({ page }) => {
  await signIn(page, '/readiness');
  const table = page.getByRole('table', { name: 'Readiness leaderboard' });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(EXAMPLE_COMPONENTS + 1);
  // Rows show entity titles where they have one.
  await expect(rows.nth(1)).toContainText('Payments API');
  await expect(rows.nth(1)).toContainText('Production ready');
  await expect(rows.nth(EXAMPLE_COMPONENTS)).toContainText('legacy-billing');
  await expect(rows.nth(EXAMPLE_COMPONENTS)).toContainText('Needs work');
  await page.screenshot({ path: shot('leaderboard'), fullPage: true });

  // Level filter: only needs-work entities remain, and the URL keeps it.
  await page.getByLabel('Level').click();
  await page.getByRole('option', { name: 'Needs work' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/level=needs-work/);
  await expect(table).not.toContainText('Payments API');
  await expect(table).toContainText('legacy-billing');
  const needsWork = await rows.count();
  expect(needsWork - 1).toBeGreaterThan(1);
  expect(needsWork - 1).toBeLessThan(EXAMPLE_COMPONENTS);

  // Owner filter narrows it further, to team-shop's needs-work services.
  await page.getByLabel('Owner').click();
  await page.getByRole('option', { name: 'team-shop' }).click();
  await page.keyboard.press('Escape');
  await expect(table).not.toContainText('legacy-billing');
  await expect(table).toContainText('Checkout');

  // CSV export downloads the rows shown.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  expect(csv[0]).toMatch(/^rank,entity_ref/);
  expect(csv.length - 1).toBe((await rows.count()) - 1);
  expect(csv.slice(1).every((l: string) => l.includes('needs-work'))).toBe(true);

  // Teams tab: aggregated rows, one per owner.
  await page.goto('/readiness');
  await page.getByRole('tab', { name: 'Teams' }).click();
  await expect(page).toHaveURL(/groupBy=owner/);
  await expect(table).toContainText('team-shop');
  await expect(table.getByRole('row').filter({ hasText: 'team-shop' })).toContainText('3');
});

test('a near production-ready component shows its score, level, categories and gaps', async ({ page }) => {
  await signIn(page, '/catalog/default/component/payments-api/readiness');
  await expect(page.getByLabel(/^Score \d+ out of 100$/)).toBeVisible();
  await expect(page.getByText('Production ready').first()).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Security' })).toBeVisible();
  const gaps = page.getByRole('list', { name: 'Gaps' });
  await expect(gaps).toContainText('rollback');
  // Evidence names the file that supports the verdict.
  await expect(page.getByRole('table', { name: 'All checks' })).toContainText('deploy/helm/payments-api/templates/deployment.yaml');
  await page.screenshot({ path: shot('readiness-tab'), fullPage: true });
});

test('the bare component lists its critical gaps first', async ({ page }) => {
  await signIn(page, '/catalog/default/component/legacy-billing/readiness');
  // Direct items only: each gap also holds a list of its evidence.
  const gaps = page.getByRole('list', { name: 'Gaps' }).locator(':scope > li');
  await expect(gaps.first()).toContainText('critical');
  const severities = await gaps.evaluateAll(items => items.map(i => (i.textContent ?? '').match(/^(critical|high|medium|low)/)?.[1]));
  expect(severities.slice(0, 3)).toEqual(['critical', 'critical', 'critical']);
  expect(severities.indexOf('high')).toBeGreaterThan(severities.lastIndexOf('critical'));
});

test('a new runbook and a re-audit update the score and gaps without a reload', async ({ page }) => {
  await signIn(page, '/catalog/default/component/inventory-service/readiness');
  const score = page.getByLabel(/^Score \d+ out of 100$/);
  await expect(score).toBeVisible();
  const before = Number((await score.getAttribute('aria-label'))!.match(/\d+/)![0]);
  const runbookGap = page.getByRole('list', { name: 'Gaps' }).getByRole('heading', { name: 'Runbook', exact: true });
  await expect(runbookGap).toBeVisible();

  const repo = join(e2eDir, 'examples', 'repos', 'inventory-service');
  const steps = 'Check the dashboard for error rate and latency, read the logs of the failing pods, compare with the last deploy, roll back with the documented command when the deploy is the cause, and page the database on-call when connections are exhausted. ';
  writeFileSync(join(repo, 'RUNBOOK.md'), `# Inventory service runbook\n\n## High error rate\n\n${steps.repeat(8)}\n`);
  appendFileSync(join(repo, 'README.md'), '\n');

  const navigations: string[] = [];
  page.on('framenavigated', f => navigations.push(f.url()));
  await page.getByRole('button', { name: 'Re-audit now' }).click();
  await expect(page.getByRole('button', { name: 'Re-audit now' })).toBeEnabled();
  await expect
    .poll(async () => Number((await score.getAttribute('aria-label'))!.match(/\d+/)![0]))
    .toBeGreaterThan(before);
  await expect(runbookGap).toHaveCount(0);
  expect(navigations).toEqual([]);
});

test('a broken source says so and still shows the catalog checks', async ({ page }) => {
  await signIn(page, '/catalog/default/component/broken-source/readiness');
  await expect(page.getByText('Source unavailable: only the catalog checks ran')).toBeVisible();
  await expect(page.getByText(/does-not-exist/).first()).toBeVisible();
  const checks = page.getByRole('table', { name: 'All checks' });
  await expect(checks).toContainText('Catalog metadata');
  // The rest of the entity page still works.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
});
