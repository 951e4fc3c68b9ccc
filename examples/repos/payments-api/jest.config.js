/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  // server.ts, instrument.ts and db.ts only wire things together at start-up.
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/server.ts',
    '!src/instrument.ts',
    '!src/db.ts',
  ],
  coverageThreshold: {
    global: { branches: 80, functions: 80, lines: 80, statements: 80 },
  },
};
