import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import type { Migration } from '@mikro-orm/migrations';
import type { z } from 'zod';
import type { TokenVerifier } from './auth/verifier';
import type { Clock } from './clock';
import type { ServiceApp } from './http/kit';
import type { Logger } from './logger';
import type { AppId, Runtime, Subscription, WorkflowRegistrations } from './runtime/port';

/** A migration class as MikroORM's migrator takes it. */
export type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

/** The tables a service owns: its entities and its ordered migrations. */
export interface ServiceDatabase {
  entities: EntitySchema<any, any>[];
  migrations: { name: string; class: MigrationClass }[];
}

/** Everything a service gets from the platform when it is built. */
export interface ServiceContext<C> {
  config: C;
  runtime: Runtime;
  /** Present when the definition declares a database. */
  orm?: MikroORM;
  logger: Logger;
  clock: Clock;
  verifier: TokenVerifier;
}

/** Something that runs beside the HTTP app (outbox relay, reservation sweeper). */
export interface BackgroundTask {
  name: string;
  start(): void;
  stop(): Promise<void>;
}

/** A built service, ready to be served. */
export interface ServiceInstance {
  app: ServiceApp;
  subscriptions?: Subscription<any>[];
  workflows?: WorkflowRegistrations;
  background?: BackgroundTask[];
  /** Inserts sample data when the service's tables are empty; must be idempotent. */
  seed?: () => Promise<void>;
}

/**
 * A deployable service: the same definition runs standalone (one process beside a daprd) or inside the
 * embedded host (every service in one process).
 */
export interface ServiceDefinition<S extends z.ZodType = z.ZodType> {
  name: AppId;
  /** The service's own settings, parsed from the environment at start-up. */
  config: S;
  database?: ServiceDatabase;
  create(context: ServiceContext<z.infer<S>>): Promise<ServiceInstance>;
}

/** Declares a service with its config type inferred. */
export const defineService = <S extends z.ZodType>(definition: ServiceDefinition<S>): ServiceDefinition<S> => definition;

/** The service's ORM; a programming error (not a request error) when the definition has no database. */
export function useOrm(context: { orm?: MikroORM }): MikroORM {
  if (!context.orm) throw new Error('This service declares no database');
  return context.orm;
}
