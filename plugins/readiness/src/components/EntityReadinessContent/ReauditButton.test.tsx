import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { readinessApiRef } from '../../api';
import {
  componentEntity,
  createFakeReadinessApi,
  fakePermissionApi,
} from '../../testing/fixtures';
import { EntityReadinessContent } from './EntityReadinessContent';
import { ReauditButton } from './ReauditButton';

// Only denied decisions in this file: usePermission caches decisions (SWR)
// for the whole file. The allowed cases are in EntityReadinessContent.test.tsx.
const denied = fakePermissionApi(false);

function renderContent(api = createFakeReadinessApi()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [readinessApiRef, api],
        [permissionApiRef, denied],
      ]}
    >
      <EntityProvider entity={componentEntity}>
        <EntityReadinessContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('ReauditButton without readiness.audit.run', () => {
  it('renders nothing', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[permissionApiRef, denied]]}>
        <ReauditButton running={false} onAudit={jest.fn()} />
      </TestApiProvider>,
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(denied.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'readiness.audit.run' }),
      }),
    );
  });

  it('is absent from the scorecard view', async () => {
    const api = createFakeReadinessApi();
    await renderContent(api);
    await screen.findByRole('img', { name: /^Score \d+ out of 100/ });
    expect(screen.queryByRole('button', { name: 'Re-audit now' })).toBeNull();
    expect(api.runAudit).not.toHaveBeenCalled();
  });

  it('is absent from the never-audited empty state', async () => {
    const api = createFakeReadinessApi();
    api.getScorecard.mockResolvedValue(undefined);
    await renderContent(api);
    expect(await screen.findByText('Not audited yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Re-audit now' })).toBeNull();
  });
});
