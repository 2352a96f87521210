import { WorkflowRuntimeStatus, type WorkflowContext as DaprWorkflowContext } from '@dapr/dapr';
import type { Logger } from '../../logger';
import { tracedActivity, tracedInput, tracedWorkflow, type AdapterWorkflowContext } from '../workflow-trace';
import type { WorkflowRegistrations, WorkflowState, WorkflowStatus, WorkflowTask, Workflows } from '../port';

/** What the adapter needs from the SDK's WorkflowRuntime (the worker that runs our code). */
export interface DaprWorkflowWorker {
  registerWorkflowWithName(name: string, fn: (ctx: DaprWorkflowContext, input: any) => any): unknown;
  registerActivityWithName(name: string, fn: (ctx: unknown, input: any) => any): unknown;
  /** Opens the work-item stream in the background; rejects ("already running") while the worker runs. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The fields of the SDK's WorkflowState the adapter reads. */
export interface DaprWorkflowStateView {
  name: string;
  instanceId: string;
  runtimeStatus: WorkflowRuntimeStatus;
  serializedOutput?: string | undefined;
  workflowFailureDetails?: { getErrorMessage(): string } | undefined;
  customStatus?: string | undefined;
}

/** What the adapter needs from the SDK's DaprWorkflowClient. */
export interface DaprWorkflowClientLike {
  scheduleNewWorkflow(name: string, input?: unknown, instanceId?: string): Promise<string>;
  getWorkflowState(instanceId: string, getInputsAndOutputs: boolean): Promise<DaprWorkflowStateView | undefined>;
  raiseEvent(instanceId: string, eventName: string, payload?: unknown): Promise<void>;
  terminateWorkflow(instanceId: string, output: unknown): Promise<void>;
  stop(): Promise<void>;
}

/** Workflows plus the shutdown the runtime's `close` needs. */
export interface DaprWorkflows extends Workflows {
  close(): Promise<void>;
}

const STATUS: Record<WorkflowRuntimeStatus, WorkflowStatus> = {
  [WorkflowRuntimeStatus.RUNNING]: 'RUNNING',
  [WorkflowRuntimeStatus.COMPLETED]: 'COMPLETED',
  [WorkflowRuntimeStatus.CONTINUED_AS_NEW]: 'RUNNING',
  [WorkflowRuntimeStatus.FAILED]: 'FAILED',
  [WorkflowRuntimeStatus.TERMINATED]: 'TERMINATED',
  [WorkflowRuntimeStatus.PENDING]: 'PENDING',
  [WorkflowRuntimeStatus.SUSPENDED]: 'SUSPENDED',
};

// gRPC status daprd answers when an instance id is still active (pkg/actors/targets/workflow/orchestrator/create.go).
const ALREADY_EXISTS = 6;

/**
 * Dapr Workflows as the port's Workflows: our workflow and activity functions are registered on the
 * SDK's WorkflowRuntime (activities get only their input), and instances are managed through a
 * DaprWorkflowClient. Both SDK objects are created on first use, so a service without workflows opens
 * no workflow stream to its sidecar. `start` waits for the sidecar first, then keeps the worker alive:
 * the SDK's worker (3.18) gives up for good when its first stream breaks (its `isFirstAttempt` is only
 * cleared after a retry, so a restarted or crashed daprd ends it), which would leave a healthy-looking
 * service that never runs a workflow step again. Every `reviveIntervalMs` the adapter calls the
 * worker's `start`, which is refused while the worker runs and opens a new stream once it has stopped.
 */
export function createDaprWorkflows(deps: {
  worker: () => DaprWorkflowWorker;
  client: () => DaprWorkflowClientLike;
  /** Resolves once the sidecar answers; the SDK's worker gives up for good if its first connect fails. */
  sidecarReady: () => Promise<void>;
  logger: Logger;
  /** How often a stopped worker is started again; 2 s unless set. */
  reviveIntervalMs?: number;
}): DaprWorkflows {
  let worker: DaprWorkflowWorker | undefined;
  let client: DaprWorkflowClientLike | undefined;
  let started = false;
  let watchdog: NodeJS.Timeout | undefined;
  const useWorker = () => (worker ??= deps.worker());
  const useClient = () => (client ??= deps.client());

  const get = async (instanceId: string): Promise<WorkflowState | undefined> => {
    const state = await useClient().getWorkflowState(instanceId, true);
    return state ? toWorkflowState(state) : undefined;
  };

  return {
    register({ workflows, activities }: WorkflowRegistrations) {
      const w = useWorker();
      for (const [name, fn] of Object.entries(workflows)) {
        const traced = tracedWorkflow(fn);
        w.registerWorkflowWithName(name, (ctx, input) => traced(toWorkflowContext(ctx), input));
      }
      for (const implementation of activities) {
        const traced = tracedActivity(implementation, deps.logger);
        w.registerActivityWithName(implementation.activity.name, (_ctx, input) => traced(input));
      }
    },

    async start() {
      if (!worker || started) return;
      await deps.sidecarReady();
      await worker.start();
      started = true;
      deps.logger.info('dapr workflow worker started');
      const revive = async (w: DaprWorkflowWorker) => {
        try {
          await w.start();
        } catch {
          return; // still running
        }
        deps.logger.warn('dapr workflow worker had stopped (its stream to the sidecar broke); reconnecting');
      };
      watchdog = setInterval(() => void revive(worker!), deps.reviveIntervalMs ?? 2000);
      watchdog.unref();
    },

    async schedule(name, input, instanceId) {
      // Dapr re-creates a *completed* instance when its id is scheduled again; the port wants a no-op.
      if (await get(instanceId)) return instanceId;
      try {
        return await useClient().scheduleNewWorkflow(name, tracedInput(input), instanceId);
      } catch (err) {
        if ((err as { code?: unknown }).code === ALREADY_EXISTS) return instanceId;
        throw err;
      }
    },

    async raiseEvent(instanceId, eventName, payload) {
      await useClient().raiseEvent(instanceId, eventName, payload);
    },

    get,

    async terminate(instanceId, reason) {
      await useClient().terminateWorkflow(instanceId, reason ?? null);
    },

    async close() {
      clearInterval(watchdog);
      // A worker whose stream broke has already stopped and says so by throwing.
      if (started) await worker?.stop().catch(() => undefined);
      await client?.stop();
    },
  };
}

/** Maps the SDK's state onto the port's, parsing the JSON output as the embedded backend does. */
export function toWorkflowState(state: DaprWorkflowStateView): WorkflowState {
  const failure = state.workflowFailureDetails?.getErrorMessage();
  return {
    instanceId: state.instanceId,
    name: state.name,
    status: STATUS[state.runtimeStatus] ?? 'UNKNOWN',
    ...(state.serializedOutput ? { output: JSON.parse(state.serializedOutput) as unknown } : {}),
    ...(failure ? { failure } : {}),
    ...(state.customStatus ? { customStatus: state.customStatus } : {}),
  };
}

/**
 * Presents Dapr's WorkflowContext as the port's. Dapr's tasks already have the port's task shape; the
 * casts only bridge the SDK's class types (Task, WhenAllTask) to the port's structural ones.
 */
export function toWorkflowContext(ctx: DaprWorkflowContext): AdapterWorkflowContext {
  type DaprTasks = Parameters<DaprWorkflowContext['whenAll']>[0];
  return {
    getWorkflowInstanceId: () => ctx.getWorkflowInstanceId(),
    getCurrentUtcDateTime: () => ctx.getCurrentUtcDateTime(),
    isReplaying: () => ctx.isReplaying(),
    callActivity: (name: string, input: unknown) => ctx.callActivity(name, input) as WorkflowTask<unknown>,
    createTimer: (fireAt) => ctx.createTimer(fireAt),
    waitForExternalEvent: <T>(name: string) => ctx.waitForExternalEvent(name) as WorkflowTask<T>,
    whenAny: (tasks) => ctx.whenAny(tasks as unknown as DaprTasks) as unknown as WorkflowTask<WorkflowTask>,
    whenAll: <T>(tasks: WorkflowTask<T>[]) => ctx.whenAll(tasks as unknown as DaprTasks) as unknown as WorkflowTask<T[]>,
    setCustomStatus: (status) => ctx.setCustomStatus(status),
  };
}
