/**
 * The end-to-end suite: the real AwsProvider over HTTP against moto's server mode (`npm run test:e2e`).
 * globalSetup starts one moto on a free port (and fails, saying why, when moto is missing); the files
 * run one at a time because each resets moto and seeds its own estate.
 */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60000,
};
