import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'jsdom',
    globals: true,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.tsx'],
      thresholds: { lines: 85, functions: 85, branches: 80, statements: 85 },
    },
  },
});
