/**
 * Jest's node environment gives each test file its own realm, so a Float32Array made by onnxruntime's
 * native addon (outer realm) fails the `instanceof Float32Array` check inside the sandbox. Sharing the
 * typed-array constructors of the outer realm keeps transformers.js and onnxruntime agreeing.
 */
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'ArrayBuffer',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class SharedTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = SharedTypedArraysEnvironment;
