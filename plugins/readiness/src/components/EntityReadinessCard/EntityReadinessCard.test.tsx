import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { readinessApiRef } from '../../api';
import {
  componentEntity,
  createFakeReadinessApi,
  makeScorecard,
  paymentsChecks,
  paymentsScorecard,
} from '../../testing/fixtures';
import { EntityReadinessCard } from './EntityReadinessCard';

function render(api = createFakeReadinessApi(), tabPath?: string) {
  return renderInTestApp(
    <TestApiProvider apis={[[readinessApiRef, api]]}>
      <EntityProvider entity={componentEntity}>
        <EntityReadinessCard tabPath={tabPath} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityReadinessCard', () => {
  it('shows the score, level, top three gaps and a link to the tab', async () => {
    const moreGaps = paymentsChecks.map(c =>
      c.checkId === 'catalog.owner'
        ? { ...c, status: 'fail' as const, score: 0 }
        : c,
    );
    await render(
      Object.assign(createFakeReadinessApi(), {
        getScorecard: jest.fn(async () => makeScorecard(moreGaps)),
      }),
    );
    expect(
      await screen.findByRole('img', { name: /^Score \d+ out of 100$/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Almost ready')).toBeInTheDocument();
    const gaps = within(screen.getByRole('list', { name: 'Top gaps' }));
    expect(gaps.getAllByRole('listitem').map(li => li.textContent)).toEqual([
      'criticalDependency scanning',
      'highOwner set',
      'mediumRunbook',
    ]);
    expect(screen.getByText('Top gaps (3 of 4)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View readiness details/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/readiness',
    );
  });

  it('links to a custom tab path', async () => {
    await render(createFakeReadinessApi(), '/production-readiness');
    expect(
      await screen.findByRole('link', { name: /View readiness details/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/production-readiness',
    );
    expect(
      screen.getByRole('img', {
        name: `Score ${paymentsScorecard.score} out of 100`,
      }),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = createFakeReadinessApi();
    api.getScorecard.mockReturnValue(new Promise(() => {}));
    await render(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows errors', async () => {
    const api = createFakeReadinessApi();
    api.getScorecard.mockRejectedValue(new Error('no database'));
    await render(api);
    expect((await screen.findAllByText(/no database/)).length).toBeGreaterThan(
      0,
    );
  });

  it('says when the entity was never audited', async () => {
    const api = createFakeReadinessApi();
    api.getScorecard.mockResolvedValue(undefined);
    await render(api);
    expect(await screen.findByText(/Not audited yet/)).toBeInTheDocument();
  });
});
