import type { OrchestrationContext } from '@dapr/durabletask-js';
import { whenAll, whenAny } from '@dapr/durabletask-js/task';
import type { WorkflowTask } from '../port';
import type { AdapterWorkflowContext } from '../workflow-trace';

/** Presents durabletask's orchestration context as the port's WorkflowContext (as Dapr's SDK does). */
export function toWorkflowContext(ctx: OrchestrationContext): AdapterWorkflowContext {
  return {
    getWorkflowInstanceId: () => ctx.instanceId,
    getCurrentUtcDateTime: () => ctx.currentUtcDateTime,
    isReplaying: () => ctx.isReplaying,
    callActivity: (name, input) => ctx.callActivity(name, input),
    createTimer: (fireAt) => ctx.createTimer(fireAt),
    waitForExternalEvent: (name) => ctx.waitForExternalEvent(name),
    whenAny: (tasks) => whenAny(tasks as Parameters<typeof whenAny>[0]) as unknown as WorkflowTask<WorkflowTask>,
    whenAll: <T>(tasks: WorkflowTask<T>[]) => whenAll(tasks as unknown as Parameters<typeof whenAll<T>>[0]) as unknown as WorkflowTask<T[]>,
    setCustomStatus: (status) => ctx.setCustomStatus(status),
  };
}
