import { currentScope, newScope, runInScope } from '../context';
import type { Logger } from '../logger';
import type { ActivityImplementation, WorkflowContext, WorkflowFn, WorkflowTask } from './port';

/** The context an adapter presents: the port's, with activities called by their registered name. */
export interface AdapterWorkflowContext extends Omit<WorkflowContext, 'callActivity'> {
  callActivity(name: string, input: unknown): WorkflowTask<unknown>;
}

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
 * Wraps a workflow so it sees its own input and calls activities by handle, each call handed the
 * instance's traceparent. The traceparent comes from the recorded input, so replays stay deterministic.
 */
export function tracedWorkflow(fn: WorkflowFn<any, any>): (ctx: AdapterWorkflowContext, raw: unknown) => AsyncGenerator<WorkflowTask<any>, unknown, any> {
  return async function* (ctx: AdapterWorkflowContext, raw: unknown) {
    const { traceparent, input } = unwrap(raw);
    const traced: WorkflowContext = {
      ...ctx,
      // The adapter's task resolves to what the activity returned: the handle's output type.
      callActivity: <I, O>(handle: { name: string }, activityInput: I) =>
        ctx.callActivity(handle.name, { shopmeshTraced: 1, ...(traceparent ? { traceparent } : {}), input: activityInput }) as WorkflowTask<O>,
    };
    return yield* fn(traced, input);
  };
}

/** Wraps an activity to run in a span of its instance's trace, logging one line when it ends. */
export function tracedActivity({ activity: { name }, run }: ActivityImplementation, logger: Logger): (raw: unknown) => Promise<unknown> {
  // The handle and its implementation were bound with matching types by `implement`.
  const fn = run as (input: unknown) => Promise<unknown>;
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
