import { MikroORM, type EntitySchema, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from '../logger';
import type { ServiceDatabase } from '../service';
import { messagingEntities, messagingMigration } from './messaging-tables';

/** Where a service's tables live: a PostgreSQL URL and the schema inside it. */
export interface DatabaseTarget {
  url: string;
  schema: string;
  /** Pool size; pglite-socket serves connections one transaction at a time, so a few suffice there. */
  poolSize?: number;
}

/**
 * Opens a service's ORM on its own schema and applies its migrations (plus the platform's outbox and
 * inbox tables). Unqualified SQL in migrations lands in that schema through `search_path`.
 */
export async function openServiceDatabase(database: ServiceDatabase, target: DatabaseTarget, logger: Logger): Promise<MikroORM> {
  const schema = target.schema;
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
        conn.query(`set search_path to "${schema}", public`, (err) => done(err, conn));
      },
    },
    migrations: {
      tableName: 'schema_migrations',
      migrationsList: [{ name: '000-messaging', class: messagingMigration }, ...database.migrations],
      transactional: true,
      allOrNothing: true,
      disableForeignKeys: false,
      silent: true,
    },
    logger: (message) => logger.debug({ orm: message }),
  };
  const orm = await MikroORM.init(options);
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  await orm.getMigrator().up();
  return orm;
}
