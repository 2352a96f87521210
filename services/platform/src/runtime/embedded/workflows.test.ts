import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../logger';
import { testDatabaseUrl } from '../../testing/database-url';
import { eventually } from '../../testing/eventually';
import { activity, implement, type WorkflowContext, type WorkflowRegistrations } from '../port';
import { createRuntimeTables } from './schema';
import { EmbeddedWorkflowEngine } from './workflows';

const logger = createLogger({ name: 'test', level: 'silent' });

const reserve = activity<string, string>('reserve');
const release = activity<string, void>('release');
const charge = activity<string, string>('charge');
const notify = activity<string, string>('notify');
const explode = activity<void, never>('explode');

describe('embedded workflow engine', () => {
  let pool: Pool;
  let schema: string;
  const calls: string[] = [];
  let gate: (() => void) | undefined;

  const registrations: WorkflowRegistrations = {
    workflows: {
      async *checkout(ctx: WorkflowContext, input: { order: string }) {
        const reserved: string = yield ctx.callActivity(reserve, input.order);
        const approval = ctx.waitForExternalEvent<{ ok: boolean }>('approved');
        const timeout = ctx.createTimer(new Date(ctx.getCurrentUtcDateTime().getTime() + 300));
        const winner: unknown = yield ctx.whenAny([approval, timeout]);
        if (winner === timeout) {
          yield ctx.callActivity(release, input.order);
          return { status: 'cancelled', reserved };
        }
        ctx.setCustomStatus('approved');
        const both: string[] = yield ctx.whenAll([ctx.callActivity(charge, input.order), ctx.callActivity(notify, input.order)]);
        return { status: 'confirmed', reserved, both };
      },
    },
    activities: [
      implement(reserve, async (order) => {
        calls.push(`reserve:${order}`);
        return `r-${order}`;
      }),
      implement(release, async (order) => {
        calls.push(`release:${order}`);
      }),
      implement(charge, async (order) => {
        if (gate) await new Promise<void>((resolve) => (gate = resolve));
        calls.push(`charge:${order}`);
        return 'charged';
      }),
      implement(notify, async (order) => {
        calls.push(`notify:${order}`);
        return 'notified';
      }),
    ],
  };

  const engineFor = () => {
    const engine = new EmbeddedWorkflowEngine(pool, schema, logger);
    const wf = engine.forApp('orders');
    wf.register(registrations);
    return { engine, wf };
  };

  beforeAll(async () => {
    pool = new Pool({ connectionString: testDatabaseUrl(), max: 4 });
    schema = `wf_${randomBytes(4).toString('hex')}`;
    await createRuntimeTables(pool, schema);
  });
  afterAll(() => pool.end());
  beforeEach(() => {
    calls.length = 0;
    gate = undefined;
  });

  it('when the approval event arrives before the timer, then the workflow completes with every activity run once', async () => {
    const { engine, wf } = engineFor();
    await wf.start();
    await wf.schedule('checkout', { order: 'a' }, 'wf-a');
    await wf.schedule('checkout', { order: 'a' }, 'wf-a');
    await eventually(async () => (calls.includes('reserve:a') ? true : undefined));
    await wf.raiseEvent('wf-a', 'approved', { ok: true });
    const state = await eventually(async () => {
      const s = await wf.get('wf-a');
      return s?.status === 'COMPLETED' ? s : undefined;
    });
    expect(state.output).toEqual({ status: 'confirmed', reserved: 'r-a', both: ['charged', 'notified'] });
    expect(state.customStatus).toBe('approved');
    expect(calls.filter((c) => c === 'reserve:a')).toHaveLength(1);
    await engine.stop();
  });

  it('when no approval arrives, then the timer fires and the compensation runs', async () => {
    const { engine, wf } = engineFor();
    await wf.start();
    await wf.schedule('checkout', { order: 'b' }, 'wf-b');
    const state = await eventually(async () => {
      const s = await wf.get('wf-b');
      return s?.status === 'COMPLETED' ? s : undefined;
    });
    expect(state.output).toEqual({ status: 'cancelled', reserved: 'r-b' });
    expect(calls).toEqual(['reserve:b', 'release:b']);
    await engine.stop();
  });

  it('when the engine stops mid-activity, then a new engine resumes the instance from its history', async () => {
    const first = engineFor();
    await first.wf.start();
    gate = () => undefined;
    await first.wf.schedule('checkout', { order: 'c' }, 'wf-c');
    await eventually(async () => (calls.includes('reserve:c') ? true : undefined));
    await first.wf.raiseEvent('wf-c', 'approved', { ok: true });
    await eventually(async () => (calls.includes('notify:c') ? true : undefined));
    const stopping = first.engine.stop();
    gate?.();
    await stopping;
    expect((await first.wf.get('wf-c'))?.status).toBe('RUNNING');

    gate = undefined;
    const second = engineFor();
    await second.wf.start();
    const state = await eventually(async () => {
      const s = await second.wf.get('wf-c');
      return s?.status === 'COMPLETED' ? s : undefined;
    });
    expect(state.output).toEqual({ status: 'confirmed', reserved: 'r-c', both: ['charged', 'notified'] });
    expect(calls.filter((c) => c === 'reserve:c')).toHaveLength(1);
    await second.engine.stop();
  });

  it('when an activity throws, then the workflow fails with its message', async () => {
    const engine = new EmbeddedWorkflowEngine(pool, schema, logger);
    const wf = engine.forApp('orders');
    wf.register({
      workflows: {
        async *boom(ctx: WorkflowContext) {
          yield ctx.callActivity(explode, undefined);
        },
      },
      activities: [implement(explode, async () => Promise.reject(new Error('kaboom')))],
    });
    await wf.start();
    await wf.schedule('boom', null, 'wf-d');
    const state = await eventually(async () => {
      const s = await wf.get('wf-d');
      return s?.status === 'FAILED' ? s : undefined;
    });
    expect(state.failure).toContain('kaboom');
    await engine.stop();
  });
});
