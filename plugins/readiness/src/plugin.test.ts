import readinessFrontendPlugin from './alpha';
import {
  EntityReadinessCard,
  EntityReadinessContent,
  ReadinessLeaderboardPage,
  readinessPlugin,
} from './plugin';

describe('readiness plugin', () => {
  it('exports the legacy plugin and its extensions', () => {
    expect(readinessPlugin.getId()).toBe('readiness');
    expect(readinessPlugin.routes.root).toBeDefined();
    expect(Array.from(readinessPlugin.getApis(), a => a.api.id)).toEqual([
      'plugin.readiness.service',
    ]);
    expect(ReadinessLeaderboardPage).toBeDefined();
    expect(EntityReadinessContent).toBeDefined();
    expect(EntityReadinessCard).toBeDefined();
  });

  it('exports the new frontend system plugin', () => {
    expect(readinessFrontendPlugin.id).toBe('readiness');
    expect(readinessFrontendPlugin.routes.root).toBeDefined();
  });
});
