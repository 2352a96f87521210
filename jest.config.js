/** One jest run for every service; one embedded PostgreSQL (PGlite) is shared by all test files. */
module.exports = {
  testEnvironment: '<rootDir>/jest.environment.js',
  roots: ['<rootDir>/services', '<rootDir>/loadtests', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts'],
  // The real-Dapr fault tests kill parts of a running stack; only `npm run test:dapr` runs them (scripts/dapr/jest.config.js).
  // The real-model tests need `npm run model:fetch` first; only `npm run test:model` runs them (scripts/model/jest.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/services/shop/test/dapr/', '/test/model/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  // jose ships ESM only; swc turns it into CommonJS for jest's module loader.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  globalSetup: '<rootDir>/services/platform/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/services/platform/src/testing/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // durabletask-js logs every replay step to the console; test output stays readable without it.
  silent: true,
};
