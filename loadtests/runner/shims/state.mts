import type { VuState } from '../vu-state.js';

/**
 * The VU of this thread. The shims are ES modules (a script imports named exports from them) while the
 * worker is CommonJS, so they meet through a global symbol rather than a shared module instance.
 */
export function vuState(): VuState {
  const state = (globalThis as Record<symbol, unknown>)[Symbol.for('shopmesh.k6-runner.vu')] as VuState | undefined;
  if (!state) throw new Error('k6 API used outside a VU of the ShopMesh k6 runner');
  return state;
}
