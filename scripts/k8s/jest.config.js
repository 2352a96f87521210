/**
 * The chart policy test (npm run test:chart runs it after rendering with helm): no embedded database,
 * so the base config's global setup is off. HELM names the helm binary (scripts/k8s/tools.sh).
 */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/scripts/k8s'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  silent: false,
};
