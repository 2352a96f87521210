import type { Pool } from 'pg';
import * as pb from '@dapr/durabletask-js/proto/orchestrator_service_pb';
import * as ph from '@dapr/durabletask-js/utils/pb-helper.util';
import { Registry } from '@dapr/durabletask-js/worker/registry';
import { OrchestrationExecutor } from '@dapr/durabletask-js/worker/orchestration-executor';
import { ActivityExecutor } from '@dapr/durabletask-js/worker/activity-executor';
import type { Logger } from '../../logger';
import type { WorkflowRegistrations, WorkflowState, WorkflowStatus, Workflows } from '../port';
import { tracedActivity, tracedInput, tracedWorkflow } from '../workflow-trace';
import { toWorkflowContext } from './workflow-context';

const Case = pb.HistoryEvent.EventtypeCase;
const FINAL: WorkflowStatus[] = ['COMPLETED', 'FAILED', 'TERMINATED'];

/**
 * The embedded workflow backend. Orchestrations replay through durabletask-js's own
 * OrchestrationExecutor and activities run through its ActivityExecutor (the code Dapr's SDK runs in
 * its worker), while this class plays the part of the Dapr sidecar: it keeps each instance's history
 * in the host database, delivers new events one instance at a time, runs scheduled activities and
 * fires timers. On start it resumes every unfinished instance from its persisted history.
 */
export class EmbeddedWorkflowEngine {
  private readonly registry = new Registry();
  private readonly locks = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly activities = new Set<Promise<void>>();
  /**
   * Each running instance's history as last committed. Only this engine appends to an instance (its
   * steps are serialised by `locks`), so after the first read a step need not load and decode the whole
   * history again; it is dropped when the instance ends.
   */
  private readonly histories = new Map<string, pb.HistoryEvent[]>();
  private stopped = true;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly logger: Logger,
  ) {}

  /** The port view for one app: instances are tagged with the app that scheduled them. */
  forApp(appId: string, logger: Logger = this.logger): Workflows {
    return {
      register: (r) => this.register(r, logger),
      start: async () => this.start(appId),
      schedule: (name, input, instanceId) => this.schedule(appId, name, input, instanceId),
      raiseEvent: (id, name, payload) => this.enqueue(id, ph.newEventRaisedEvent(name, JSON.stringify(payload ?? null))),
      get: (id) => this.get(id),
      terminate: (id, reason) => this.enqueue(id, ph.newTerminatedEvent(JSON.stringify(reason ?? null))),
    };
  }

  register({ workflows, activities }: WorkflowRegistrations, logger: Logger = this.logger): void {
    for (const [name, fn] of Object.entries(workflows)) {
      const traced = tracedWorkflow(fn);
      this.registry.addNamedOrchestrator(name, (ctx, input) => traced(toWorkflowContext(ctx), input));
    }
    for (const implementation of activities) {
      const traced = tracedActivity(implementation, logger);
      this.registry.addNamedActivity(implementation.activity.name, (_ctx, input) => traced(input));
    }
  }

  /** Resumes the app's unfinished instances: re-runs activities without a result, re-arms timers. */
  async start(appId: string): Promise<void> {
    this.stopped = false;
    // Another engine may have moved the instances on while this one was stopped.
    this.histories.clear();
    const { rows } = await this.pool.query<{ instance_id: string }>(
      `select instance_id from ${this.schema}.workflow_instances where app_id = $1 and status in ('PENDING', 'RUNNING')`,
      [appId],
    );
    for (const { instance_id: id } of rows) {
      const history = await this.history(id);
      const pending = await this.inbox(id);
      const done = new Set<number>();
      const fired = new Set<number>();
      for (const e of [...history, ...pending.map((p) => p.event)]) {
        if (e.getEventtypeCase() === Case.TASKCOMPLETED) done.add(e.getTaskcompleted()!.getTaskscheduledid());
        if (e.getEventtypeCase() === Case.TASKFAILED) done.add(e.getTaskfailed()!.getTaskscheduledid());
        if (e.getEventtypeCase() === Case.TIMERFIRED) fired.add(e.getTimerfired()!.getTimerid());
      }
      for (const e of history) {
        if (e.getEventtypeCase() === Case.TASKSCHEDULED && !done.has(e.getEventid())) {
          const t = e.getTaskscheduled()!;
          this.runActivity(id, e.getEventid(), t.getName(), t.getInput()?.getValue());
        }
        if (e.getEventtypeCase() === Case.TIMERCREATED && !fired.has(e.getEventid())) {
          this.armTimer(id, e.getEventid(), e.getTimercreated()!.getFireat()!.toDate());
        }
      }
      void this.process(id);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.locks.values(), ...this.activities]);
  }

  private async schedule(appId: string, name: string, raw: unknown, instanceId: string): Promise<string> {
    const input = tracedInput(raw);
    const { rowCount } = await this.pool.query(
      `insert into ${this.schema}.workflow_instances (instance_id, app_id, name, status, input) values ($1, $2, $3, 'PENDING', $4)
       on conflict (instance_id) do nothing`,
      [instanceId, appId, name, JSON.stringify(input ?? null)],
    );
    if (rowCount) await this.enqueue(instanceId, ph.newExecutionStartedEvent(name, instanceId, JSON.stringify(input ?? null)));
    return instanceId;
  }

  private async get(instanceId: string): Promise<WorkflowState | undefined> {
    const { rows } = await this.pool.query<{
      name: string;
      status: WorkflowStatus;
      output: string | null;
      failure: string | null;
      custom_status: string | null;
    }>(`select name, status, output, failure, custom_status from ${this.schema}.workflow_instances where instance_id = $1`, [instanceId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      instanceId,
      name: row.name,
      status: row.status,
      ...(row.output ? { output: JSON.parse(row.output) as unknown } : {}),
      ...(row.failure ? { failure: row.failure } : {}),
      ...(row.custom_status ? { customStatus: row.custom_status } : {}),
    };
  }

  private async enqueue(instanceId: string, event: pb.HistoryEvent): Promise<void> {
    await this.pool.query(`insert into ${this.schema}.workflow_inbox (instance_id, event) values ($1, $2)`, [instanceId, Buffer.from(event.serializeBinary())]);
    void this.process(instanceId);
  }

  /** Runs one orchestration step for the instance; steps of one instance never overlap. */
  private process(instanceId: string): Promise<void> {
    const previous = this.locks.get(instanceId) ?? Promise.resolve();
    const next = previous
      .then(() => (this.stopped ? undefined : this.step(instanceId)))
      .catch((err) => this.logger.error({ err, instanceId }, 'workflow step failed'));
    this.locks.set(instanceId, next);
    void next.finally(() => {
      if (this.locks.get(instanceId) === next) this.locks.delete(instanceId);
    });
    return next;
  }

  private async step(instanceId: string): Promise<void> {
    // The instance's status and its new events in one round trip.
    const { rows } = await this.pool.query<{ status: WorkflowStatus; id: string | null; event: Buffer | null }>(
      `select i.status, b.id, b.event from ${this.schema}.workflow_instances i
         left join ${this.schema}.workflow_inbox b on b.instance_id = i.instance_id
       where i.instance_id = $1 order by b.id`,
      [instanceId],
    );
    const status = rows[0]?.status;
    const pending = rows.flatMap((r) => (r.id === null || r.event === null ? [] : [{ id: r.id, event: pb.HistoryEvent.deserializeBinary(r.event) }]));
    if (!status || pending.length === 0) return;
    if (FINAL.includes(status)) {
      this.histories.delete(instanceId);
      await this.pool.query(`delete from ${this.schema}.workflow_inbox where id = any($1)`, [pending.map((p) => p.id)]);
      return;
    }
    const old = this.histories.get(instanceId) ?? (await this.history(instanceId));
    const fresh = [ph.newOrchestratorStartedEvent(new Date()), ...pending.map((p) => p.event)];
    const appended = [...fresh];
    const activities: { id: number; name: string; input?: string }[] = [];
    const timers: { id: number; fireAt: Date }[] = [];
    let update: { status: WorkflowStatus; output?: string; failure?: string } = { status: 'RUNNING' };
    let customStatus: string | undefined;
    try {
      const result = await new OrchestrationExecutor(this.registry).execute(instanceId, old, fresh);
      customStatus = result.customStatus || undefined;
      for (const action of result.actions) {
        const id = action.getId();
        if (action.hasScheduletask()) {
          const task = action.getScheduletask()!;
          const input = task.getInput()?.getValue();
          appended.push(ph.newTaskScheduledEvent(id, task.getName(), input));
          activities.push({ id, name: task.getName(), ...(input !== undefined ? { input } : {}) });
        } else if (action.hasCreatetimer()) {
          const fireAt = action.getCreatetimer()!.getFireat()!.toDate();
          appended.push(ph.newTimerCreatedEvent(id, fireAt));
          timers.push({ id, fireAt });
        } else if (action.hasCompleteorchestration()) {
          update = completion(action.getCompleteorchestration()!);
        } else {
          update = { status: 'FAILED', failure: 'Unsupported workflow action (sub-orchestrations and events to other instances are not used)' };
        }
      }
    } catch (err) {
      update = { status: 'FAILED', failure: (err as Error).message };
    }
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // The step's events in one statement, however many the step appended.
      await client.query(`insert into ${this.schema}.workflow_history (instance_id, seq, event) select $1, unnest($2::int[]), unnest($3::bytea[])`, [
        instanceId,
        appended.map((_, i) => old.length + i),
        appended.map((e) => Buffer.from(e.serializeBinary())),
      ]);
      await client.query(`delete from ${this.schema}.workflow_inbox where id = any($1)`, [pending.map((p) => p.id)]);
      await client.query(
        `update ${this.schema}.workflow_instances set status = $2, output = $3, failure = $4, custom_status = coalesce($5, custom_status), updated_at = now() where instance_id = $1`,
        [instanceId, update.status, update.output ?? null, update.failure ?? null, customStatus ?? null],
      );
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      // What is committed is unknown to the cache now; the next step reads it back.
      this.histories.delete(instanceId);
      throw err;
    } finally {
      client.release();
    }
    if (FINAL.includes(update.status)) {
      this.histories.delete(instanceId);
      return;
    }
    this.histories.set(instanceId, [...old, ...appended]);
    for (const a of activities) this.runActivity(instanceId, a.id, a.name, a.input);
    for (const t of timers) this.armTimer(instanceId, t.id, t.fireAt);
  }

  private runActivity(instanceId: string, taskId: number, name: string, input?: string): void {
    const run = (async () => {
      let event: pb.HistoryEvent;
      try {
        const output = await new ActivityExecutor(this.registry).execute(instanceId, name, taskId, input);
        event = ph.newTaskCompletedEvent(taskId, output);
      } catch (err) {
        this.logger.warn({ err, instanceId, activity: name }, 'workflow activity failed');
        event = ph.newTaskFailedEvent(taskId, err instanceof Error ? err : new Error(String(err)));
      }
      // After a stop the result is dropped: the activity runs again on resume (activities are idempotent).
      if (!this.stopped) await this.enqueue(instanceId, event);
    })().catch((err) => this.logger.error({ err, instanceId }, 'workflow activity result lost; it will rerun on restart'));
    this.activities.add(run);
    void run.finally(() => this.activities.delete(run));
  }

  private armTimer(instanceId: string, timerId: number, fireAt: Date): void {
    const key = `${instanceId}/${timerId}`;
    const delay = Math.max(0, Math.min(fireAt.getTime() - Date.now(), 2 ** 31 - 1));
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (!this.stopped) void this.enqueue(instanceId, ph.newTimerFiredEvent(timerId, fireAt));
    }, delay);
    // Durable timers are re-armed from history on start, so a pending one need not keep the process up.
    timer.unref();
    this.timers.set(key, timer);
  }

  private async history(instanceId: string): Promise<pb.HistoryEvent[]> {
    const { rows } = await this.pool.query<{ event: Buffer }>(`select event from ${this.schema}.workflow_history where instance_id = $1 order by seq`, [
      instanceId,
    ]);
    return rows.map((r) => pb.HistoryEvent.deserializeBinary(r.event));
  }

  private async inbox(instanceId: string): Promise<{ id: string; event: pb.HistoryEvent }[]> {
    const { rows } = await this.pool.query<{ id: string; event: Buffer }>(
      `select id, event from ${this.schema}.workflow_inbox where instance_id = $1 order by id`,
      [instanceId],
    );
    return rows.map((r) => ({ id: r.id, event: pb.HistoryEvent.deserializeBinary(r.event) }));
  }
}

function completion(action: pb.CompleteOrchestrationAction): { status: WorkflowStatus; output?: string; failure?: string } {
  const output = action.getResult()?.getValue();
  const failure = action.getFailuredetails()?.getErrormessage();
  const status: WorkflowStatus =
    action.getOrchestrationstatus() === pb.OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED
      ? 'COMPLETED'
      : action.getOrchestrationstatus() === pb.OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED
        ? 'TERMINATED'
        : 'FAILED';
  return { status, ...(output !== undefined ? { output } : {}), ...(failure ? { failure } : {}) };
}
