import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import * as durabletask from '@dapr/durabletask-js';
import * as pb from '@dapr/durabletask-js/proto/orchestrator_service_pb';
import * as task from '@dapr/durabletask-js/task';
import * as ph from '@dapr/durabletask-js/utils/pb-helper.util';
import { ActivityExecutor } from '@dapr/durabletask-js/worker/activity-executor';
import { OrchestrationExecutor } from '@dapr/durabletask-js/worker/orchestration-executor';
import { Registry } from '@dapr/durabletask-js/worker/registry';
import { ProtocolQueue } from './protocol-queue';

/**
 * The embedded runtime reaches into two libraries below their public API: the workflow engine uses five
 * internal modules of @dapr/durabletask-js, and embedded-postgres.ts replaces pglite-socket's private
 * `queryQueue`. Both are pinned to exact versions in services/platform/package.json; these tests fail
 * with a message naming what moved when an upgrade changes those internals.
 */
const platformPackage = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
/** The version of `name` as resolved from here (its package.json is not always an export, so walk up). */
function installed(name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return pkg.version;
    }
  }
  throw new Error(`no package.json found for ${name}`);
}

describe('pinned library internals', () => {
  it.each(['@dapr/durabletask-js', '@electric-sql/pglite-socket'])('when %s is installed, then it is the exact version platform pins', (name) => {
    const pinned = platformPackage.dependencies[name];

    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed(name)).toBe(pinned);
  });

  it('when the embedded workflow engine deep-imports durabletask-js, then every member it uses is still there', () => {
    const missing = [
      ['Registry.addNamedOrchestrator', typeof Registry.prototype.addNamedOrchestrator],
      ['Registry.addNamedActivity', typeof Registry.prototype.addNamedActivity],
      ['OrchestrationExecutor.execute', typeof OrchestrationExecutor.prototype.execute],
      ['ActivityExecutor.execute', typeof ActivityExecutor.prototype.execute],
      ['task.whenAll', typeof task.whenAll],
      ['task.whenAny', typeof task.whenAny],
      ['pb.HistoryEvent.deserializeBinary', typeof pb.HistoryEvent.deserializeBinary],
      ...[
        'newExecutionStartedEvent',
        'newEventRaisedEvent',
        'newTerminatedEvent',
        'newOrchestratorStartedEvent',
        'newTaskScheduledEvent',
        'newTimerCreatedEvent',
        'newTaskCompletedEvent',
        'newTaskFailedEvent',
        'newTimerFiredEvent',
      ].map((fn) => [`pb-helper.${fn}`, typeof (ph as Record<string, unknown>)[fn]]),
      ['OrchestrationContext (public)', typeof durabletask.OrchestrationContext],
    ].filter(([, type]) => type !== 'function');
    const cases = pb.HistoryEvent.EventtypeCase;
    const missingCases = ['TASKCOMPLETED', 'TASKFAILED', 'TIMERFIRED', 'TASKSCHEDULED', 'TIMERCREATED'].filter(
      (name) => typeof (cases as unknown as Record<string, unknown>)[name] !== 'number',
    );

    expect({ missing, missingCases }).toEqual({ missing: [], missingCases: [] });
  });

  it('when pglite-socket serves connections, then it still routes every message through the queryQueue field ProtocolQueue replaces', () => {
    // Constructing the server touches no database (PGlite itself cannot start inside jest's VM).
    const server = new PGLiteSocketServer({ db: {} as PGlite, host: '127.0.0.1', port: 0 });
    const field = (server as unknown as { queryQueue?: object }).queryQueue;
    const source = readFileSync(require.resolve('@electric-sql/pglite-socket'), 'utf8');
    const called = [...new Set([...source.matchAll(/queryQueue\.([a-zA-Z]+)\(/g)].map((m) => m[1]!))].sort();

    expect(field).toBeDefined();
    // Every method the library calls on its queue must exist on ours.
    expect(called.filter((method) => typeof (ProtocolQueue.prototype as unknown as Record<string, unknown>)[method] !== 'function')).toEqual([]);
    expect(called).toContain('enqueue');
  });
});
