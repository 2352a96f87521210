import { randomBytes } from 'node:crypto';
import { EntitySchema, type MikroORM } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import { openServiceDatabase } from './db/orm';
import { safeErrorMessage, statementShape } from './error-serializer';
import { createLogger } from './logger';
import { testDatabaseUrl } from './testing/database-url';

interface Person {
  id: string;
  email: string;
  name: string;
}

const PersonSchema = new EntitySchema<Person>({
  name: 'Person',
  tableName: 'person',
  properties: { id: { type: 'uuid', primary: true }, email: { type: 'string' }, name: { type: 'string' } },
});

class CreatePeople extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table person (id uuid primary key, email text not null unique, name text not null check (length(name) < 20))');
  }
}

/** A logger writing parsed lines into `lines`, as the services' loggers write them. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ name: 'test', level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('database errors in the log', () => {
  const schema = `errlog_${randomBytes(4).toString('hex')}`;
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await openServiceDatabase(
      { entities: [PersonSchema], migrations: [{ name: '001-people', class: CreatePeople }] },
      { url: testDatabaseUrl(), schema, poolSize: 2, qualifiedOnly: true },
      createLogger({ level: 'silent' }),
    );
    const em = orm.em.fork();
    em.create(PersonSchema, { id: crypto.randomUUID(), email: 'ada@example.com', name: 'Ada Lovelace' });
    await em.flush();
  });
  afterAll(() => orm?.close());

  const failedInsert = async (person: Omit<Person, 'id'>): Promise<unknown> => {
    const em = orm.em.fork();
    em.create(PersonSchema, { id: crypto.randomUUID(), ...person });
    return em.flush().then(
      () => {
        throw new Error('the insert should have failed');
      },
      (err: unknown) => err,
    );
  };

  it('when an insert breaks a unique constraint, then the log has its code, constraint and statement shape but none of the values', async () => {
    const err = await failedInsert({ email: 'ada@example.com', name: 'Ada Byron' });
    const { logger, lines } = capturingLogger();

    logger.error({ err }, 'request failed');

    const line = JSON.stringify(lines[0]);
    expect(lines[0]!.err).toMatchObject({
      type: 'UniqueConstraintViolationException',
      code: '23505',
      constraint: 'person_email_key',
      table: 'person',
      statement: `insert into "${schema}"."person" ("id", "email", "name") values (?, ?, ?)`,
    });
    expect(line).not.toContain('ada@example.com');
    expect(line).not.toContain('Ada Byron');
  });

  it('when an insert breaks a check constraint, then the failing row (in the detail) stays out of the log', async () => {
    const err = await failedInsert({ email: 'grace@example.com', name: 'Grace Brewster Murray Hopper' });
    const { logger, lines } = capturingLogger();

    logger.warn({ err }, 'handler failed');

    expect(lines[0]!.err).toMatchObject({ code: '23514', constraint: 'person_name_check' });
    expect(JSON.stringify(lines[0])).not.toMatch(/grace@example\.com|Grace Brewster/);
  });

  it('when a database error is the cause of another error, then the cause is logged without its values too', async () => {
    const cause = await failedInsert({ email: 'ada@example.com', name: 'Ada Again' });
    const { logger, lines } = capturingLogger();

    logger.error({ err: new Error('could not save the person', { cause }) }, 'failed');

    expect(lines[0]!.err).toMatchObject({ message: 'could not save the person', cause: { code: '23505' } });
    expect(JSON.stringify(lines[0])).not.toContain('ada@example.com');
  });

  it('when a database error is turned into a message to store (a dead letter), then it has no values', async () => {
    const err = await failedInsert({ email: 'ada@example.com', name: 'Ada Again' });

    const message = safeErrorMessage(err);

    expect(message).toContain('23505');
    expect(message).not.toContain('ada@example.com');
  });

  it('when any other error is logged, then its message and stack are kept as pino logs them', () => {
    const { logger, lines } = capturingLogger();

    logger.error({ err: new Error('broker unavailable') }, 'publish failed');

    expect(lines[0]!.err).toMatchObject({ type: 'Error', message: 'broker unavailable', stack: expect.stringContaining('broker unavailable') });
  });
});

describe('statementShape', () => {
  it('when a statement has string, escaped, dollar-quoted and numeric literals, then each becomes ? and identifiers stay', () => {
    expect(statementShape(`update "t1" set "name" = 'O''Brien', "note" = E'a\\'b', "body" = $$x$$, "qty" = -12.5 where "id" = $1 and "v2" = 3`)).toBe(
      `update "t1" set "name" = ?, "note" = ?, "body" = ?, "qty" = ? where "id" = $1 and "v2" = ?`,
    );
  });

  it('when values are one-letter strings or quoted identifiers hold quotes, then every value still becomes ?', () => {
    expect(statementShape(`insert into "we""ird" ("a", "b") values ('e', 'x''y'), ('1', 2)`)).toBe(`insert into "we""ird" ("a", "b") values (?, ?), (?, ?)`);
  });
});

describe('serializeError of error-like objects', () => {
  it("when an error-like object holds an aborted fetch's DOMException, then it is logged with the exception's name and message instead of crashing the logger", () => {
    const { logger, lines } = capturingLogger();
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');

    logger.warn({ err: { status: 503, cause: timeout } }, 'inventory did not answer');

    expect(lines).toHaveLength(1);
    expect(lines[0]!.err).toMatchObject({ status: 503, cause: { type: 'DOMException', message: 'The operation was aborted due to timeout' } });
  });
});
