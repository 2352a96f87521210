import { MikroORM, type EntitySchema, type Options } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import type { Logger } from '../logger';
import type { MigrationClass, ServiceDatabase } from '../service';
import { messagingEntities, messagingMigration } from './messaging-tables';

/** Where a service's tables live: a PostgreSQL URL and the schema inside it. */
export interface DatabaseTarget {
  url: string;
  schema: string;
  /** Pool size; pglite-socket serves connections one transaction at a time, so a few suffice there. */
  poolSize?: number;
  /**
   * Keep the service's schema off the `search_path`, so SQL that does not name its schema fails
   * instead of finding a table of the same name (every service has an `outbox`) in another schema.
   * The hosts that share one database between services set it: PGlite has one session for all
   * connections, so a per-connection path would be overwritten by the next service's anyway.
   */
  qualifiedOnly?: boolean;
}

/**
 * Opens a service's ORM on its own schema and applies its migrations (plus the platform's outbox and
 * inbox tables). Each migration runs in a transaction whose `search_path` starts with the service's
 * schema, so its unqualified DDL lands there.
 */
export async function openServiceDatabase(database: ServiceDatabase, target: DatabaseTarget, logger: Logger): Promise<MikroORM> {
  const schema = target.schema;
  const searchPath = target.qualifiedOnly ? 'public' : `"${schema}", public`;
  const options: Options = {
    clientUrl: target.url,
    schema,
    entities: [...database.entities, ...messagingEntities] as EntitySchema<any, any>[],
    extensions: [Migrator],
    contextName: schema,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    pool: {
      min: 0,
      max: target.poolSize ?? 10,
      afterCreate: (conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) => {
        conn.query(`set search_path to ${searchPath}`, (err) => done(err, conn));
      },
    },
    migrations: {
      tableName: 'schema_migrations',
      migrationsList: [{ name: '000-messaging', class: messagingMigration }, ...database.migrations].map((m) => ({
        name: m.name,
        class: inSchema(m.class, schema),
      })),
      transactional: true,
      allOrNothing: true,
      disableForeignKeys: false,
      silent: true,
      // Migrations are hand-written SQL; the snapshot (a whole-database introspection after each run,
      // used only to generate diffs) would read every schema of a shared database.
      snapshot: false,
    },
    logger: (message) => logger.debug({ orm: message }),
  };
  const orm = await MikroORM.init(options);
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  await orm.getMigrator().up();
  return orm;
}

/** Runs a migration with the service's schema first on the path (`set local`: this transaction only). */
function inSchema(migration: MigrationClass, schema: string): MigrationClass {
  return class extends migration {
    override async up(): Promise<void> {
      this.addSql(`set local search_path to "${schema}", public`);
      await (migration.prototype as Migration).up.call(this);
    }
  };
}
