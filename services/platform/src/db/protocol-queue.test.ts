import { spawn } from 'node:child_process';
import { Client } from 'pg';

/**
 * Runs startEmbeddedPostgres() in a child process: PGlite loads its WASM with a dynamic import that
 * jest's module sandbox refuses. The child stops when its stdin closes, so a crashed run leaves none.
 */
async function startEmbeddedPostgresProcess(): Promise<{ url: string; close(): Promise<void> }> {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(require.resolve('./embedded-postgres'))});
    startEmbeddedPostgres().then((db) => {
      process.stdout.write(db.url + '\\n');
      process.stdin.on('end', () => void db.close().then(() => process.exit(0)));
      process.stdin.resume();
    });`;
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited early (${code})`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** A parameterized query with its expected answer; parameter counts differ on purpose. */
interface Probe {
  text: string;
  values: unknown[];
  expected: unknown;
}

const big = 'x'.repeat(200_000);

function probe(client: number, n: number): Probe {
  switch ((client + n) % 4) {
    case 0:
      // Large enough to span several socket reads, which is when the interleaving happened.
      return { text: 'select length($1::text) + $2::int as v', values: [big, n], expected: big.length + n };
    case 1:
      return { text: 'select $1::text || $2::text || $3::text as v', values: [`c${client}`, '-', `q${n}`], expected: `c${client}-q${n}` };
    case 2:
      return { text: 'select $1::int as v', values: [client * 1000 + n], expected: client * 1000 + n };
    default:
      return { text: 'select $1::int * $2::int - $3::int + $4::int as v', values: [client, n, 7, 3], expected: client * n - 7 + 3 };
  }
}

describe('ProtocolQueue (pglite-socket connection ordering)', () => {
  let db: { url: string; close(): Promise<void> };
  const clients: Client[] = [];

  const connect = async (): Promise<Client> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    db = await startEmbeddedPostgresProcess();
    const setup = await connect();
    await setup.query('create table marks (name text primary key)');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(1).map((c) => c.end().catch(() => undefined)));
    await clients[0]!.query('delete from marks');
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    await db.close();
  });

  it('when 20 connections run parameterized queries with different parameter counts at once, then every answer is right', async () => {
    const connections = await Promise.all(Array.from({ length: 20 }, connect));

    const answers = await Promise.all(
      connections.map(async (client, c) => {
        const results: Array<{ got: unknown; expected: unknown }> = [];
        for (let n = 0; n < 20; n++) {
          const p = probe(c, n);
          const { rows } = await client.query<{ v: unknown }>(p.text, p.values);
          results.push({ got: rows[0]!.v, expected: p.expected });
        }
        return results;
      }),
    );

    const all = answers.flat();
    expect(all).toHaveLength(400);
    expect(all.filter((a) => a.got !== a.expected)).toEqual([]);
  });

  it('when some connections send failing queries, then the others still get right answers and the failures are their own', async () => {
    const connections = await Promise.all(Array.from({ length: 8 }, connect));

    const outcomes = await Promise.all(
      connections.map(async (client, c) => {
        const out: string[] = [];
        for (let n = 0; n < 10; n++) {
          if (c % 2 === 0 && n % 3 === 0) {
            const err = await client.query('select $1::int as v', ['not a number']).then(
              () => undefined,
              (e: { code?: string }) => e,
            );
            out.push(err?.code === '22P02' ? 'failed as expected' : 'wrong');
          } else {
            const p = probe(c, n);
            const { rows } = await client.query<{ v: unknown }>(p.text, p.values);
            out.push(rows[0]!.v === p.expected ? 'right' : 'wrong');
          }
        }
        return out;
      }),
    );

    expect(outcomes.flat().filter((o) => o === 'wrong')).toEqual([]);
  });

  it('when one connection holds a transaction, then the others wait for it and its rollback undoes only its own writes', async () => {
    const [owner, writer, reader] = await Promise.all([connect(), connect(), connect()]);
    await owner.query('begin');
    await owner.query('insert into marks (name) values ($1)', ['in-transaction']);
    let transactionOpen = true;
    const finishedWhileOpen: string[] = [];

    const write = writer.query('insert into marks (name) values ($1)', ['autocommit']).then(() => {
      if (transactionOpen) finishedWhileOpen.push('write');
    });
    const read = reader.query<{ v: number }>('select $1::int + $2::int as v', [40, 2]).then((r) => {
      if (transactionOpen) finishedWhileOpen.push('read');
      return r.rows[0]!.v;
    });
    await new Promise((r) => setTimeout(r, 100));
    const seenInside = (await owner.query<{ name: string }>('select name from marks order by name')).rows.map((r) => r.name);
    transactionOpen = false;
    await owner.query('rollback');
    const [, sum] = await Promise.all([write, read]);

    const after = (await owner.query<{ name: string }>('select name from marks order by name')).rows.map((r) => r.name);
    expect(seenInside).toEqual(['in-transaction']);
    expect(finishedWhileOpen).toEqual([]);
    expect(sum).toBe(42);
    expect(after).toEqual(['autocommit']);
  });

  it('when a connection closes inside a transaction, then its work is rolled back and the others are not blocked', async () => {
    const [leaver, other] = await Promise.all([connect(), connect()]);
    await leaver.query('begin');
    await leaver.query('insert into marks (name) values ($1)', ['abandoned']);
    const waiting = other.query<{ name: string }>('select name from marks');

    await leaver.end();
    const { rows } = await waiting;

    expect(rows).toEqual([]);
    const { rows: later } = await other.query<{ v: number }>('select $1::int as v', [7]);
    expect(later[0]!.v).toBe(7);
  });
});
