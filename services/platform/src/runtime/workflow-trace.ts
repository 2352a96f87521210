import { currentScope, newScope, runInScope } from '../context';
import type { Logger } from '../logger';
import type { ActivityFn, WorkflowContext, WorkflowFn } from './port';

/**
 * What an instance and each of its activity calls carry under the hood: the caller's input plus the
 * traceparent the instance was scheduled under. Both adapters schedule and register through these
 * functions, so an activity runs in its checkout's trace however it is replayed or resumed.
 */
interface Traced<T> {
  shopmeshTraced: 1;
  traceparent?: string;
  input: T;
}

const isTraced = (value: unknown): value is Traced<unknown> =>
  typeof value === 'object' && value !== null && (value as { shopmeshTraced?: unknown }).shopmeshTraced === 1;

const unwrap = (value: unknown): Traced<unknown> => (isTraced(value) ? value : { shopmeshTraced: 1, input: value });

/** The input to schedule an instance with: `input` plus the ambient request's traceparent. */
export function tracedInput<T>(input: T): Traced<T> {
  const traceparent = currentScope()?.traceparent;
  return { shopmeshTraced: 1, ...(traceparent ? { traceparent } : {}), input };
}

/**
 * Wraps a workflow so it sees its own input and every activity it calls is handed the instance's
 * traceparent. The traceparent comes from the recorded input, so replays stay deterministic.
 */
export function tracedWorkflow(fn: WorkflowFn<any, any>): WorkflowFn<unknown, unknown> {
  return async function* (ctx: WorkflowContext, raw: unknown) {
    const { traceparent, input } = unwrap(raw);
    const traced: WorkflowContext = {
      ...ctx,
      callActivity: (name, activityInput) => ctx.callActivity(name, { shopmeshTraced: 1, ...(traceparent ? { traceparent } : {}), input: activityInput }),
    };
    return yield* fn(traced, input);
  };
}

/** Wraps an activity to run in a span of its instance's trace, logging one line when it ends. */
export function tracedActivity(name: string, fn: ActivityFn<any, any>, logger: Logger): ActivityFn<unknown, unknown> {
  return async (raw) => {
    const { traceparent, input } = unwrap(raw);
    const scope = newScope(logger, { parent: traceparent, bindings: { activity: name } });
    return runInScope(scope, async () => {
      const started = process.hrtime.bigint();
      const ms = () => Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      try {
        const output: unknown = await fn(input);
        scope.log.info({ ms: ms() }, 'workflow activity');
        return output;
      } catch (err) {
        scope.log.warn({ err, ms: ms() }, 'workflow activity failed');
        throw err;
      }
    });
  };
}
