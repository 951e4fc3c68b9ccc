import { ConfigReader } from '@backstage/config';
import { availableParallelism } from 'node:os';
import { defaultConcurrency, defaultWorkers, readBackendConfig } from './config';

describe('readBackendConfig', () => {
  it('runs one worker thread more than the cores, at most 4, and twice as many audits at once', () => {
    expect([1, 2, 3, 8].map(defaultWorkers)).toEqual([2, 3, 4, 4]);
    const config = readBackendConfig(new ConfigReader({}));
    expect(config.workers).toBe(defaultWorkers(availableParallelism()));
    expect([0, 1, 2, 3, 4].map(defaultConcurrency)).toEqual([4, 4, 4, 6, 8]);
    expect(config.concurrency).toBe(defaultConcurrency(config.workers));
  });

  it('takes the workers and concurrency it is given', () => {
    const config = readBackendConfig(new ConfigReader({ readiness: { workers: 0, concurrency: 2 } }));
    expect([config.workers, config.concurrency]).toEqual([0, 2]);
  });
});
