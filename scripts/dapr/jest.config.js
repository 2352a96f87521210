/**
 * The real-Dapr tier (npm run test:dapr): the end-to-end suite and the fault tests against the running
 * stack at SHOPMESH_BASE_URL. No embedded database is needed, so the base config's global setup is off;
 * the suites share one shop and the fault tests kill parts of it, so test files run one at a time.
 */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/services/shop/test'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
  testTimeout: 120000,
};
