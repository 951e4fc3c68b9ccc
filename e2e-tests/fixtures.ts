import { APIRequestContext, Page, expect, test as base } from '@playwright/test';

/** A guest token, as the app gets one. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/auth/guest/refresh', { headers: { 'Content-Type': 'application/json' } });
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

/** Waits until the scheduled audit has stored a scorecard for every example component. */
export async function waitForScorecards(request: APIRequestContext, count: number) {
  const token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/readiness/leaderboard', { headers: { Authorization: `Bearer ${token}` } });
        return res.ok() ? (await res.json()).total : -1;
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe(count);
}

/** Signs in as guest through the sign-in page, as a person would. */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

/** Every test fails if a page it visits logs an error or throws. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', msg => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', error => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors on the pages visited').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
