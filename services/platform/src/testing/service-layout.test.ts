import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Keeps every service on the one skeleton the README's layout section describes: a new top-level file
 * or folder in a service's src, config written inline, or a second db layout fails here.
 */
const SERVICES_DIR = join(__dirname, '../../..');

/** What every service's src holds. */
const REQUIRED = ['main.ts', 'index.ts', 'config.ts', 'service.ts', 'app.ts', 'routes', 'domain'];
/** What a service's src may hold besides, when it has such a thing. */
const OPTIONAL = ['db', 'clients', 'events', 'tasks', 'workflows', 'seed', 'seed.ts'];
/** A service's own extra layer, each named in the README. */
const EXTRAS: Record<string, string[]> = {
  gateway: ['middleware'],
  identity: ['auth'],
  embeddings: ['model'],
};

// A deployable service has a process entry; the libraries (platform, contracts) and the shop have none of this shape.
const services = readdirSync(SERVICES_DIR)
  .filter((name) => existsSync(join(SERVICES_DIR, name, 'src', 'service.ts')) && existsSync(join(SERVICES_DIR, name, 'src', 'main.ts')))
  .sort();
const src = (service: string, ...path: string[]) => join(SERVICES_DIR, service, 'src', ...path);
const read = (service: string, file: string) => readFileSync(src(service, file), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the service skeleton', () => {
  it('when the services are listed, then all nine deployable services are found', () => {
    expect(services).toEqual(['cart', 'catalog', 'embeddings', 'gateway', 'identity', 'inventory', 'notifications', 'orders', 'payments']);
  });

  it.each(services)("when %s's src is read, then it holds the skeleton's files and folders and nothing else", (service) => {
    // An emptied folder left in a working copy is not part of the tree git keeps.
    const entries = readdirSync(src(service)).filter((e) => !statSync(src(service, e)).isDirectory() || readdirSync(src(service, e)).length > 0);
    const allowed = new Set([...REQUIRED, ...OPTIONAL, ...(EXTRAS[service] ?? [])]);

    expect(entries.filter((e) => !allowed.has(e))).toEqual([]);
    expect(REQUIRED.filter((r) => !entries.includes(r))).toEqual([]);
  });

  it.each(services)('when %s is composed, then service.ts uses defineService with the schema of config.ts, and app.ts exports createApp', (service) => {
    const composition = read(service, 'service.ts');

    expect(composition).toContain('defineService(');
    expect(composition).toMatch(/from '\.\/config'/);
    expect(composition).not.toMatch(/z\.object\(/);
    expect(read(service, 'config.ts')).toMatch(/export const \w+Config = z\.object\(/);
    expect(read(service, 'app.ts')).toMatch(/export function createApp\(/);
  });

  it.each(services)(
    'when %s has a database, then its entities are *.entity.ts files, its migrations db/migrations/NNN-*.ts, and db/schema.ts lists them',
    (service) => {
      if (!existsSync(src(service, 'db', 'migrations'))) {
        expect(existsSync(src(service, 'db', 'migrations.ts'))).toBe(false);
        return;
      }
      const db = src(service, 'db');
      const files = filesUnder(db).map((f) => relative(db, f));
      const defineEntities = files.filter((f) => !f.startsWith('migrations/') && /new EntitySchema|defineEntity\(/.test(readFileSync(join(db, f), 'utf8')));

      expect(files.filter((f) => f.startsWith('migrations/') && !/^migrations\/\d{3}-[a-z0-9-]+\.ts$/.test(f))).toEqual([]);
      expect(defineEntities.filter((f) => !f.endsWith('.entity.ts'))).toEqual([]);
      expect(files).toContain('schema.ts');
    },
  );

  it.each(services)('when the tests in %s/src are read, then none boots a shop (route tests drive createApp with fakes; the shop boots in e2e)', (service) => {
    const bootingShop = filesUnder(src(service)).filter((f) => f.endsWith('.test.ts') && readFileSync(f, 'utf8').includes('startTestShop'));

    expect(bootingShop.map((f) => relative(src(service), f))).toEqual([]);
  });

  it.each(services)('when %s is searched for test helpers, then none are in src (they live in test/)', (service) => {
    const helpers = filesUnder(src(service)).filter((f) => /(^|\/)(testing|test-support)(\/|\.ts$)/.test(relative(src(service), f)));

    expect(helpers).toEqual([]);
  });
});
