/**
 * The model tier (npm run test:model, after npm run model:fetch): tests that load the real
 * all-MiniLM-L6-v2 from ~/.cache/shopmesh/models (or EMBEDDINGS_MODELS_DIR) instead of the tiny
 * model the other tiers generate.
 */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  testMatch: ['**/test/model/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 180000,
};
