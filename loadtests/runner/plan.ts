import type { VuScenario } from './protocol';

/** The parts of a k6 scenario declaration the runner reads. */
export interface ScenarioDeclaration {
  executor: string;
  exec?: string;
  vus?: number;
  iterations?: number;
  preAllocatedVUs?: number;
  maxVUs?: number;
  stages?: { target: number }[];
  startVUs?: number;
  tags?: Record<string, string>;
  env?: Record<string, string>;
}

/** The parts of a script's `options` the runner reads. */
export interface ScriptOptions {
  vus?: number;
  iterations?: number;
  scenarios?: Record<string, ScenarioDeclaration>;
  thresholds?: Record<string, (string | { threshold: string })[]>;
  summaryTrendStats?: string[];
}

/** How far the smoke shrinks a script. */
export interface SmokeLimits {
  /** VUs per scenario at most. */
  maxVus: number;
  /** Iterations per VU at most. */
  iterationsPerVu: number;
}

/** The VUs of one scenario, each with the iterations it runs. */
export interface ScenarioPlan {
  scenario: Omit<VuScenario, 'iterations'>;
  iterationsPerVu: number[];
}

function declaredVus(s: ScenarioDeclaration): number {
  if (s.vus !== undefined) return s.vus;
  if (s.preAllocatedVUs !== undefined) return s.preAllocatedVUs;
  const peak = Math.max(s.startVUs ?? 0, ...(s.stages ?? []).map((st) => st.target));
  return Math.max(1, peak);
}

/**
 * Shrinks every scenario to a smoke: at most `maxVus` VUs, each running at most `iterationsPerVu`
 * iterations, whatever the executor (duration-based executors run iterations instead of time). The
 * script's own iteration counts are kept where they are smaller.
 */
export function smokePlan(options: ScriptOptions, limits: SmokeLimits): ScenarioPlan[] {
  const scenarios: Record<string, ScenarioDeclaration> = options.scenarios ?? {
    default: { executor: 'shared-iterations', vus: options.vus ?? 1, iterations: options.iterations ?? options.vus ?? 1 },
  };
  return Object.entries(scenarios).map(([name, s]) => {
    const vus = Math.max(1, Math.min(declaredVus(s), limits.maxVus));
    let iterationsPerVu: number[];
    if (s.executor === 'shared-iterations') {
      const total = Math.min(s.iterations ?? 1, vus * limits.iterationsPerVu);
      iterationsPerVu = Array.from({ length: vus }, (_, i) => Math.floor(total / vus) + (i < total % vus ? 1 : 0)).filter((n) => n > 0);
    } else if (s.executor === 'per-vu-iterations') {
      iterationsPerVu = Array.from({ length: vus }, () => Math.min(s.iterations ?? 1, limits.iterationsPerVu));
    } else {
      iterationsPerVu = Array.from({ length: vus }, () => limits.iterationsPerVu);
    }
    return { scenario: { name, exec: s.exec ?? 'default', tags: s.tags ?? {}, env: s.env ?? {} }, iterationsPerVu };
  });
}
