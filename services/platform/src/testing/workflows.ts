import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createLogger } from '../logger';
import { createRuntimeTables } from '../runtime/embedded/schema';
import { EmbeddedWorkflowEngine } from '../runtime/embedded/workflows';
import type { WorkflowRegistrations, Workflows } from '../runtime/port';
import { testDatabaseUrl } from './database-url';

/** A workflow engine of its own for a test: run a workflow against scripted activities. */
export interface TestWorkflows {
  workflows: Workflows;
  stop(): Promise<void>;
}

/** Starts the embedded workflow engine on fresh tables of the worker's test database. */
export async function startTestWorkflows(registrations: WorkflowRegistrations): Promise<TestWorkflows> {
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 4 });
  const schema = `wf_${randomBytes(4).toString('hex')}`;
  await createRuntimeTables(pool, schema);
  const engine = new EmbeddedWorkflowEngine(pool, schema, createLogger({ name: 'test', level: 'silent' }));
  const workflows = engine.forApp('orders');
  workflows.register(registrations);
  await workflows.start();
  return {
    workflows,
    async stop() {
      await engine.stop();
      await pool.query(`drop schema ${schema} cascade`);
      await pool.end();
    },
  };
}
