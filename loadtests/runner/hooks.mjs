// Module resolution hooks of the k6 runner: `k6`, `k6/http`, `k6/metrics` and `k6/execution` resolve to
// the runner's shims. Plain JavaScript because Node loads hooks on a thread of their own.
const shims = {
  k6: './shims/k6.mts',
  'k6/http': './shims/http.mts',
  'k6/metrics': './shims/metrics.mts',
  'k6/execution': './shims/execution.mts',
};

export async function resolve(specifier, context, next) {
  const shim = shims[specifier];
  // Resolved through the next hook (tsx), which marks the shim as TypeScript to compile.
  if (shim) return next(new URL(shim, import.meta.url).href, context);
  if (specifier.startsWith('k6/') || specifier.startsWith('https://')) {
    throw new Error(`the ShopMesh k6 runner does not provide "${specifier}"; scripts may use k6, k6/http, k6/metrics and k6/execution`);
  }
  return next(specifier, context);
}
