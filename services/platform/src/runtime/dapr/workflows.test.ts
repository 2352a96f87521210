import { WorkflowRuntime, WorkflowRuntimeStatus } from '@dapr/dapr';
import type { Registry } from '@dapr/dapr/workflow/internal/durabletask/worker/registry';
import { OrchestrationExecutor } from '@dapr/dapr/workflow/internal/durabletask/worker/orchestration-executor';
import { ActivityExecutor } from '@dapr/dapr/workflow/internal/durabletask/worker/activity-executor';
import * as ph from '@dapr/dapr/workflow/internal/durabletask/utils/pb-helper.util';
import type * as pb from '@dapr/dapr/workflow/internal/durabletask/proto/orchestrator_service_pb';
import { createLogger } from '../../logger';
import { activity, implement, type WorkflowContext, type WorkflowRegistrations } from '../port';
import { createDaprWorkflows, type DaprWorkflowClientLike, type DaprWorkflowStateView, type DaprWorkflowWorker } from './workflows';

const logger = createLogger({ name: 'test', level: 'silent' });

const reserve = activity<string, string>('reserve');
const charge = activity<string, string>('charge');
const notify = activity<string, string>('notify');

const registrations: WorkflowRegistrations = {
  workflows: {
    async *checkout(ctx: WorkflowContext, input: { order: string }) {
      const reserved: string = yield ctx.callActivity(reserve, input.order);
      const approval = ctx.waitForExternalEvent<{ ok: boolean }>('approved');
      const timeout = ctx.createTimer(new Date(ctx.getCurrentUtcDateTime().getTime() + 60_000));
      const winner: unknown = yield ctx.whenAny([approval, timeout]);
      if (winner === timeout) return { status: 'cancelled', reserved };
      ctx.setCustomStatus('approved');
      const both: string[] = yield ctx.whenAll([ctx.callActivity(charge, input.order), ctx.callActivity(notify, input.order)]);
      return { status: 'confirmed', reserved, both, instance: ctx.getWorkflowInstanceId() };
    },
  },
  activities: [
    implement(reserve, async (order) => `r-${order}`),
    implement(charge, async (order) => `charged-${order}`),
    implement(notify, async () => 'notified'),
  ],
};

/** Plays the sidecar's part for one instance: keeps the history and turns actions into history events. */
class Sidecar {
  readonly history: pb.HistoryEvent[] = [];
  constructor(private readonly registry: Registry) {}

  async deliver(...events: pb.HistoryEvent[]) {
    const newEvents = [ph.newOrchestratorStartedEvent(new Date()), ...events];
    const result = await new OrchestrationExecutor(this.registry).execute('wf-1', this.history, newEvents);
    this.history.push(...newEvents);
    for (const action of result.actions) {
      const task = action.getScheduletask();
      if (task) this.history.push(ph.newTaskScheduledEvent(action.getId(), task.getName(), task.getInput()?.getValue()));
      const timer = action.getCreatetimer();
      if (timer) this.history.push(ph.newTimerCreatedEvent(action.getId(), timer.getFireat()!.toDate()));
    }
    return result;
  }

  runActivity(name: string, input: unknown) {
    return new ActivityExecutor(this.registry).execute('wf-1', name, 1, JSON.stringify(input));
  }
}

function registeredOnRealSdk(): Sidecar {
  const runtime = new WorkflowRuntime({ daprHost: '127.0.0.1', daprPort: '1' });
  const workflows = createDaprWorkflows({ worker: () => runtime, client: () => fakeClient(), sidecarReady: async () => undefined, logger });
  workflows.register(registrations);
  // The SDK keeps its registry on the inner durabletask worker; reading it lets us replay without a sidecar.
  return new Sidecar((runtime as unknown as { worker: { _registry: Registry } }).worker._registry);
}

function fakeClient(states: Record<string, DaprWorkflowStateView> = {}): DaprWorkflowClientLike & { scheduled: string[] } {
  const scheduled: string[] = [];
  return {
    scheduled,
    scheduleNewWorkflow: async (_name, _input, id) => {
      scheduled.push(id!);
      return id!;
    },
    getWorkflowState: async (id) => states[id],
    raiseEvent: async () => undefined,
    terminateWorkflow: async () => undefined,
    stop: async () => undefined,
  };
}

const state = (status: WorkflowRuntimeStatus, extra: Partial<DaprWorkflowStateView> = {}): DaprWorkflowStateView => ({
  name: 'checkout',
  instanceId: 'wf-1',
  runtimeStatus: status,
  ...extra,
});

describe('dapr workflows: our functions on the SDK WorkflowRuntime', () => {
  it('when an activity runs, then it gets only its input and its result is JSON', async () => {
    const sidecar = registeredOnRealSdk();

    const output = await sidecar.runActivity('reserve', 'A');

    expect(output).toBe('"r-A"');
  });

  it('when the approval event wins the race, then the workflow fans out with whenAll and completes', async () => {
    const sidecar = registeredOnRealSdk();

    const first = await sidecar.deliver(ph.newExecutionStartedEvent('checkout', 'wf-1', JSON.stringify({ order: 'A' })));
    const second = await sidecar.deliver(ph.newTaskCompletedEvent(first.actions[0]!.getId(), '"r-A"'));
    const third = await sidecar.deliver(ph.newEventRaisedEvent('approved', JSON.stringify({ ok: true })));
    const [charge, notify] = third.actions;
    const last = await sidecar.deliver(ph.newTaskCompletedEvent(charge!.getId(), '"charged-A"'), ph.newTaskCompletedEvent(notify!.getId(), '"notified"'));

    expect(first.actions[0]!.getScheduletask()!.getName()).toBe('reserve');
    expect(second.actions.map((a) => a.hasCreatetimer())).toEqual([true]);
    expect(third.actions.map((a) => a.getScheduletask()!.getName())).toEqual(['charge', 'notify']);
    expect(third.customStatus).toBe('approved');
    const completion = last.actions[0]!.getCompleteorchestration()!;
    expect(JSON.parse(completion.getResult()!.getValue())).toEqual({ status: 'confirmed', reserved: 'r-A', both: ['charged-A', 'notified'], instance: 'wf-1' });
  });

  it('when the timer fires first, then whenAny answers the timer task itself', async () => {
    const sidecar = registeredOnRealSdk();
    const first = await sidecar.deliver(ph.newExecutionStartedEvent('checkout', 'wf-1', JSON.stringify({ order: 'B' })));
    const second = await sidecar.deliver(ph.newTaskCompletedEvent(first.actions[0]!.getId(), '"r-B"'));
    const timer = second.actions[0]!;

    const last = await sidecar.deliver(ph.newTimerFiredEvent(timer.getId(), timer.getCreatetimer()!.getFireat()!.toDate()));

    expect(JSON.parse(last.actions[0]!.getCompleteorchestration()!.getResult()!.getValue())).toEqual({ status: 'cancelled', reserved: 'r-B' });
  });
});

describe('dapr workflows: instance management', () => {
  it('when an id that already exists is scheduled again, then nothing is scheduled and the id comes back', async () => {
    const client = fakeClient({ 'wf-1': state(WorkflowRuntimeStatus.COMPLETED) });
    const workflows = createDaprWorkflows({ worker: () => fail('no worker needed'), client: () => client, sidecarReady: async () => undefined, logger });

    const id = await workflows.schedule('checkout', { order: 'A' }, 'wf-1');

    expect(id).toBe('wf-1');
    expect(client.scheduled).toEqual([]);
  });

  it('when another caller creates the instance first, then the AlreadyExists answer is a no-op', async () => {
    const client = fakeClient();
    client.scheduleNewWorkflow = async () => {
      throw Object.assign(new Error("an active workflow with ID 'wf-1' already exists"), { code: 6 });
    };
    const workflows = createDaprWorkflows({ worker: () => fail('no worker needed'), client: () => client, sidecarReady: async () => undefined, logger });

    await expect(workflows.schedule('checkout', {}, 'wf-1')).resolves.toBe('wf-1');
  });

  it('when scheduling fails for another reason, then the error propagates', async () => {
    const client = fakeClient();
    client.scheduleNewWorkflow = async () => {
      throw Object.assign(new Error('sidecar unavailable'), { code: 14 });
    };
    const workflows = createDaprWorkflows({ worker: () => fail('no worker needed'), client: () => client, sidecarReady: async () => undefined, logger });

    await expect(workflows.schedule('checkout', {}, 'wf-1')).rejects.toThrow('sidecar unavailable');
  });

  it('when an instance is read, then Dapr status, JSON output, failure and custom status map onto the port', async () => {
    const client = fakeClient({
      done: state(WorkflowRuntimeStatus.COMPLETED, { instanceId: 'done', serializedOutput: '{"ok":true}', customStatus: 'confirmed' }),
      failed: state(WorkflowRuntimeStatus.FAILED, { instanceId: 'failed', workflowFailureDetails: { getErrorMessage: () => 'payment declined' } }),
      again: state(WorkflowRuntimeStatus.CONTINUED_AS_NEW, { instanceId: 'again' }),
    });
    const workflows = createDaprWorkflows({ worker: () => fail('no worker needed'), client: () => client, sidecarReady: async () => undefined, logger });

    expect(await workflows.get('done')).toEqual({ instanceId: 'done', name: 'checkout', status: 'COMPLETED', output: { ok: true }, customStatus: 'confirmed' });
    expect(await workflows.get('failed')).toEqual({ instanceId: 'failed', name: 'checkout', status: 'FAILED', failure: 'payment declined' });
    expect((await workflows.get('again'))?.status).toBe('RUNNING');
    expect(await workflows.get('missing')).toBeUndefined();
  });

  it('when the worker starts, then it waits for the sidecar first (the SDK never retries a failed first connect)', async () => {
    const order: string[] = [];
    const worker: DaprWorkflowWorker = {
      registerWorkflowWithName: jest.fn(),
      registerActivityWithName: jest.fn(),
      start: async () => {
        order.push('worker');
      },
      stop: jest.fn(),
    };
    let sidecarUp: () => void = () => undefined;
    const sidecarReady = () =>
      new Promise<void>((resolve) => {
        sidecarUp = () => {
          order.push('sidecar');
          resolve();
        };
      });
    const workflows = createDaprWorkflows({ worker: () => worker, client: () => fakeClient(), sidecarReady, logger });
    workflows.register(registrations);

    const starting = workflows.start();
    await new Promise((r) => setImmediate(r));
    sidecarUp();
    await starting;

    expect(order).toEqual(['sidecar', 'worker']);
  });

  it('when the worker stops because its stream to the sidecar broke, then it is started again', async () => {
    let running = false;
    const start = jest.fn(async () => {
      if (running) throw new Error('The worker is already running.');
      running = true;
    });
    const worker: DaprWorkflowWorker = {
      registerWorkflowWithName: jest.fn(),
      registerActivityWithName: jest.fn(),
      start,
      stop: jest.fn(async () => undefined),
    };
    const workflows = createDaprWorkflows({
      worker: () => worker,
      client: () => fakeClient(),
      sidecarReady: async () => undefined,
      logger,
      reviveIntervalMs: 5,
    });
    workflows.register(registrations);
    await workflows.start();

    running = false; // what the SDK's worker does when its first stream breaks
    await new Promise((r) => setTimeout(r, 50));
    await workflows.close();

    expect(running).toBe(true);
  });

  it('when nothing was registered, then start opens no worker stream', async () => {
    const worker: DaprWorkflowWorker = { registerWorkflowWithName: jest.fn(), registerActivityWithName: jest.fn(), start: jest.fn(), stop: jest.fn() };
    const makeWorker = jest.fn(() => worker);
    const workflows = createDaprWorkflows({ worker: makeWorker, client: () => fakeClient(), sidecarReady: async () => undefined, logger });

    await workflows.start();
    await workflows.close();

    expect(makeWorker).not.toHaveBeenCalled();
  });
});

function fail(message: string): never {
  throw new Error(message);
}
