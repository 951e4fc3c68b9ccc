import { loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://localhost:5432/payments',
    });
    expect(config.PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(25_000);
  });

  it('coerces numbers from strings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://localhost:5432/payments',
      PORT: '9090',
      DATABASE_POOL_MAX: '4',
    });
    expect(config.PORT).toBe(9090);
    expect(config.DATABASE_POOL_MAX).toBe(4);
  });

  it('names the missing variables', () => {
    expect(() => loadConfig({})).toThrow('Invalid configuration: DATABASE_URL');
  });
});
