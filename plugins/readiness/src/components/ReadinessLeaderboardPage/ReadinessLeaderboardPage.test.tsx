import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { LeaderboardQuery } from '@prodready/plugin-readiness-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readinessApiRef } from '../../api';
import {
  createFakeReadinessApi,
  entityRows,
  page,
} from '../../testing/fixtures';
import { ReadinessLeaderboardPage } from './ReadinessLeaderboardPage';

// Several full renders with clicks per test: 5 s is too tight on a busy 2-core CI machine.
jest.setTimeout(30_000);

type FakeApi = ReturnType<typeof createFakeReadinessApi>;

function render(api: FakeApi, path = '/readiness') {
  return renderInTestApp(
    <TestApiProvider apis={[[readinessApiRef, api]]}>
      <ReadinessLeaderboardPage />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The queries of the table (not the one loading the owner options). */
const viewQueries = (api: FakeApi): LeaderboardQuery[] =>
  api.getLeaderboard.mock.calls.map(c => c[0]).filter(q => q.limit !== 500);
const lastQuery = (api: FakeApi) => viewQueries(api).slice(-1)[0];

const defaults = {
  groupBy: 'entity',
  sort: 'score',
  order: 'desc',
  offset: 0,
  limit: 25,
  kind: [],
  owner: [],
  system: [],
  lifecycle: [],
  level: [],
};

describe('ReadinessLeaderboardPage', () => {
  it('shows the summary and ranked entities linked to the catalog', async () => {
    const api = createFakeReadinessApi();
    await render(api);

    const summary = within(
      await screen.findByRole('region', { name: 'Organisation summary' }),
    );
    expect(summary.getByText('42')).toBeInTheDocument();
    expect(summary.getByText('67')).toBeInTheDocument();
    expect(
      summary.getByText('Rollback 23 · Observability 44 · Security 58'),
    ).toBeInTheDocument();

    const table = within(
      await screen.findByRole('table', { name: 'Readiness leaderboard' }),
    );
    expect(table.getByRole('link', { name: 'Payments API' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(table.getByRole('link', { name: 'team-payments' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
    const rows = table.getAllByRole('row');
    expect(within(rows[1]).getAllByRole('cell')[0]).toHaveTextContent('1');
    expect(rows[2]).toHaveTextContent('3 critical · 2 high · 4 medium · 1 low');
    expect(lastQuery(api)).toEqual({ ...defaults, q: undefined });
  });

  it('turns the level filter and the search into the API query', async () => {
    const api = createFakeReadinessApi();
    await render(api);
    await screen.findByRole('table', { name: 'Readiness leaderboard' });

    await userEvent.click(screen.getByRole('button', { name: /^Level/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Needs work',
      }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(lastQuery(api).level).toEqual(['needs-work']));

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search' }),
      'pay',
    );
    await waitFor(() => expect(lastQuery(api).q).toBe('pay'));
    expect(lastQuery(api)).toEqual({
      ...defaults,
      level: ['needs-work'],
      q: 'pay',
    });
    // Debounced: no query per keystroke.
    expect(viewQueries(api).filter(q => q.q === 'p')).toHaveLength(0);
  });

  it('reads the view from the URL', async () => {
    const api = createFakeReadinessApi();
    await render(
      api,
      '/readiness?groupBy=system&level=needs-work&level=almost-ready&owner=group:default/team-a&q=pay&sort=gaps&order=asc&offset=25&limit=10',
    );
    await screen.findByRole('table', { name: 'Readiness leaderboard' });
    expect(viewQueries(api)[0]).toEqual({
      ...defaults,
      groupBy: 'system',
      level: ['needs-work', 'almost-ready'],
      owner: ['group:default/team-a'],
      q: 'pay',
      sort: 'gaps',
      order: 'asc',
      offset: 25,
      limit: 10,
    });
    expect(screen.getByRole('tab', { name: 'Systems' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('textbox', { name: 'Search' })).toHaveValue('pay');
  });

  it('switches groupBy with the tabs', async () => {
    const api = createFakeReadinessApi();
    await render(api);
    await screen.findByRole('table', { name: 'Readiness leaderboard' });

    await userEvent.click(screen.getByRole('tab', { name: 'Teams' }));
    await waitFor(() => expect(lastQuery(api).groupBy).toBe('owner'));
    const table = within(
      await screen.findByRole('table', { name: 'Readiness leaderboard' }),
    );
    expect(
      await table.findByRole('columnheader', { name: 'Team' }),
    ).toBeInTheDocument();
    expect(table.getByText('No owner')).toBeInTheDocument();
    expect(
      table.getByRole('link', { name: '4 entities of group:team-payments' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('owner=group%3Adefault%2Fteam-payments'),
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Systems' }));
    await waitFor(() => expect(lastQuery(api).groupBy).toBe('system'));
    await userEvent.click(screen.getByRole('tab', { name: 'Entities' }));
    await waitFor(() => expect(lastQuery(api).groupBy).toBe('entity'));
  });

  it('sorts and pages on the server', async () => {
    const api = createFakeReadinessApi();
    api.getLeaderboard.mockImplementation(async () => page(entityRows, 60));
    await render(api);
    await screen.findByRole('table', { name: 'Readiness leaderboard' });

    await userEvent.click(screen.getByRole('button', { name: 'Entity' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ sort: 'name', order: 'asc' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lastQuery(api).offset).toBe(25));
    expect(lastQuery(api)).toMatchObject({ sort: 'name', order: 'asc' });

    // A new filter starts from the first page again.
    await userEvent.type(screen.getByRole('textbox', { name: 'Search' }), 'x');
    await waitFor(() => expect(lastQuery(api).q).toBe('x'));
    expect(lastQuery(api).offset).toBe(0);
  });

  it('says when a page is past the last one, and goes to the last page', async () => {
    const api = createFakeReadinessApi();
    api.getLeaderboard.mockImplementation(async q =>
      (q.offset ?? 0) >= 60 ? page([], 60) : page(entityRows, 60),
    );
    await render(api, '/readiness?offset=100');
    expect(
      await screen.findByText(/This page is past the last one \(60 in all\)/),
    ).toBeInTheDocument();
    expect(screen.queryByText('No scorecards match these filters.')).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Go to the last page' }),
    );
    // 60 rows, 25 a page: the last page starts at 50.
    await waitFor(() => expect(lastQuery(api).offset).toBe(50));
  });

  it('exports the current view as CSV through the API', async () => {
    const api = createFakeReadinessApi();
    const createObjectURL = jest.fn(() => 'blob:readiness');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await render(api, '/readiness?level=needs-work');
    await screen.findByRole('table', { name: 'Readiness leaderboard' });

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportCsv).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'entity', level: ['needs-work'] }),
    );
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
  });

  it('shows errors', async () => {
    const api = createFakeReadinessApi();
    api.getLeaderboard.mockRejectedValue(new Error('leaderboard exploded'));
    api.getSummary.mockRejectedValue(new Error('summary exploded'));
    await render(api);
    expect(
      (await screen.findAllByText(/leaderboard exploded/)).length,
    ).toBeGreaterThan(0);
    expect(
      (await screen.findAllByText(/summary exploded/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while loading and an empty table', async () => {
    const api = createFakeReadinessApi();
    let resolve: (v: ReturnType<typeof page>) => void = () => {};
    api.getLeaderboard.mockImplementation(
      () => new Promise(r => (resolve = r)),
    );
    await render(api);
    expect(
      screen.getByRole('progressbar', { name: 'Loading leaderboard' }),
    ).toBeInTheDocument();
    resolve(page([]));
    expect(
      await screen.findByText('No scorecards match these filters.'),
    ).toBeInTheDocument();
  });
});
