import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readinessApiRef } from '../../api';
import {
  componentEntity,
  createFakeReadinessApi,
  fakePermissionApi,
  makeScorecard,
  paymentsChecks,
  paymentsScorecard,
} from '../../testing/fixtures';
import { EntityReadinessContent } from './EntityReadinessContent';

// Every test here is allowed to audit; the denied cases are in
// ReauditButton.test.tsx, because usePermission caches decisions (SWR) for
// the whole test file.
function render(api = createFakeReadinessApi()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [readinessApiRef, api],
        [permissionApiRef, fakePermissionApi(true)],
      ]}
    >
      <EntityProvider entity={componentEntity}>
        <EntityReadinessContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const allPass = paymentsChecks.map(c =>
  c.status === 'fail' || c.status === 'partial'
    ? { ...c, status: 'pass' as const, score: 100 }
    : c,
);

describe('EntityReadinessContent', () => {
  it('renders the score, level, gaps, categories, checks and trend', async () => {
    const api = createFakeReadinessApi();
    await render(api);

    expect(
      await screen.findByRole('img', {
        name: `Score ${paymentsScorecard.score} out of 100`,
      }),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith(
      'component:default/payments-api',
    );
    // The failing critical check caps the level below what the score gives.
    expect(screen.getAllByText('Almost ready').length).toBeGreaterThan(0);
    expect(
      screen.getByText(/Production ready: score 80 or more/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /^https:\/\/github.com\/acme\/payments-api/,
      }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api');

    // Gaps: most severe first, with recommendation and effort.
    const gaps = within(screen.getByRole('list', { name: 'Gaps' }));
    const titles = gaps.getAllByRole('heading').map(h => h.textContent);
    expect(titles).toEqual(['Dependency scanning', 'Runbook', 'Coverage gate']);
    expect(
      gaps.getByText('Add .github/dependabot.yml for npm and docker.'),
    ).toBeInTheDocument();
    expect(gaps.getAllByText(/^Effort [SML]$/).map(e => e.textContent)).toEqual(
      ['Effort S', 'Effort M', 'Effort M'],
    );
    expect(gaps.getByText('jest.config.js:12')).toBeInTheDocument();

    // Categories: worst first, N/A greyed last.
    const bars = screen
      .getAllByRole('progressbar')
      .map(b => b.getAttribute('aria-label'));
    expect(bars[0]).toBe('Operations');
    expect(bars[bars.length - 1]).toMatch(/Data|Containerization/);
    expect(screen.getByRole('progressbar', { name: 'Data' })).toHaveAttribute(
      'aria-valuetext',
      'Not applicable',
    );

    // Checks with status icons and evidence; only http(s) evidence is a link.
    const checks = within(screen.getByRole('table', { name: 'All checks' }));
    expect(checks.getByText('Security')).toBeInTheDocument();
    expect(checks.getAllByText('Pass').length).toBeGreaterThan(0);
    expect(checks.getByText('Not applicable')).toBeInTheDocument();
    expect(checks.getByText('Error')).toBeInTheDocument();
    expect(
      checks.getByRole('link', { name: /^\.github\/workflows\/ci\.yaml:1/ }),
    ).toHaveAttribute('href', expect.stringMatching(/^https:\/\/github.com/));
    expect(checks.getByText('src/metrics.ts:4').closest('a')).toBeNull();

    // Trend chart.
    expect(
      await screen.findByRole('img', { name: /Readiness score trend/ }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/4 audits, score from 41/).length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while loading', async () => {
    const api = createFakeReadinessApi();
    api.getScorecard.mockReturnValue(new Promise(() => {}));
    await render(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows errors', async () => {
    const api = createFakeReadinessApi();
    api.getScorecard.mockRejectedValue(new Error('readiness backend is down'));
    await render(api);
    expect(
      (await screen.findAllByText(/readiness backend is down/)).length,
    ).toBeGreaterThan(0);
  });

  it('explains an incomplete audit', async () => {
    const api = createFakeReadinessApi();
    api.getScorecard.mockResolvedValue(
      makeScorecard(paymentsChecks, {
        status: 'incomplete',
        statusReason: 'containerization.dockerfile: timed out after 10000 ms',
        gate: {
          cappedAt: 'almost-ready',
          failedCriticalChecks: ['security.dependency-scanning'],
        },
      }),
    );
    await render(api);
    expect(await screen.findByText(/Incomplete audit/)).toBeInTheDocument();
    expect(
      screen.getByText('containerization.dockerfile: timed out after 10000 ms'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Capped at Almost ready .* security.dependency-scanning/,
      ),
    ).toBeInTheDocument();
  });

  it('says when the repository results are from an earlier read', async () => {
    const api = createFakeReadinessApi();
    const reason =
      'Could not read https://github.com/acme/payments: 403 Forbidden (rate limit exceeded). The repository checks show the results of its last read (2026-11-30T10:00:00.000Z); the catalog checks ran again.';
    api.getScorecard.mockResolvedValue(
      makeScorecard(paymentsChecks, { status: 'stale', statusReason: reason }),
    );
    await render(api);
    expect(
      await screen.findByText(/Stale: the source could not be read/),
    ).toBeInTheDocument();
    expect(screen.getByText(reason)).toBeInTheDocument();
  });

  it('re-audits and shows the refreshed score when allowed', async () => {
    const api = createFakeReadinessApi();
    const refreshed = makeScorecard(allPass);
    let finish: (s: typeof refreshed) => void = () => {};
    api.runAudit.mockReturnValue(new Promise(r => (finish = r)));
    await render(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-audit now' }),
    );
    expect(screen.getByRole('button', { name: 'Auditing…' })).toBeDisabled();
    finish(refreshed);

    expect(
      await screen.findByRole('img', {
        name: `Score ${refreshed.score} out of 100`,
      }),
    ).toBeInTheDocument();
    expect(api.runAudit).toHaveBeenCalledWith('component:default/payments-api');
    await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(2));
    expect(
      screen.getByText('No gaps: every applicable check passes.'),
    ).toBeInTheDocument();
  });

  it('shows a failed re-audit', async () => {
    const api = createFakeReadinessApi();
    api.runAudit.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed: readiness.audit.run',
            },
          }),
          {
            status: 403,
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      ),
    );
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-audit now' }),
    );
    expect(await screen.findByText(/Re-audit failed/)).toBeInTheDocument();
  });

  describe('never audited', () => {
    it('explains and offers an audit when allowed', async () => {
      const api = createFakeReadinessApi();
      api.getScorecard.mockResolvedValue(undefined);
      api.getHistory.mockResolvedValue([]);
      await render(api);

      expect(await screen.findByText('Not audited yet')).toBeInTheDocument();
      expect(
        screen.getByText(
          /has no scorecard for component:default\/payments-api/,
        ),
      ).toBeInTheDocument();
      await userEvent.click(
        await screen.findByRole('button', { name: 'Re-audit now' }),
      );
      expect(
        await screen.findByRole('img', {
          name: `Score ${paymentsScorecard.score} out of 100`,
        }),
      ).toBeInTheDocument();
    });
  });
});
