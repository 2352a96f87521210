/**
 * The catalog app for route tests: its own tables in a test schema (its SQL is what the routes are
 * about), inventory and embeddings answered by fakes, events delivered straight to its subscriptions,
 * tokens from a fake verifier. No host and no other service.
 */
import request from 'supertest';
import { StockLookupRequest, StockUpdate, type Stock } from '@shopmesh/contracts';
import { conflict, systemClock, type AppId, type InvokeRequest, type Principal } from '@shopmesh/platform';
import {
  acceptFakeAppToken,
  createFakeRuntime,
  createFakeVerifier,
  deliverEvent,
  fakeInternalHeaders,
  openTestDatabase,
  silentLogger,
  type FakeInvokeHandler,
  type FakeReply,
} from '@shopmesh/platform/testing';
import { createApp } from '../src/app';
import { createEmbeddingsClient } from '../src/clients/embeddings';
import { createInventoryClient } from '../src/clients/inventory';
import { createCatalogStore } from '../src/db/catalog-store';
import { catalogDatabase } from '../src/db/schema';
import { embedMissingProducts } from '../src/domain/embedding-sync';
import type { CatalogDeps } from '../src/domain/ports';
import { catalogSubscriptions } from '../src/events/subscriptions';
import { generateCatalogSeed } from '../src/seed/generate';
import { seedCatalog } from '../src/seed/seed-catalog';
import { SEED_SELLERS } from '../src/seed/sellers';

const STOCK_PATH = /^\/internal\/stock\/([0-9a-f-]{36})$/;

/** Inventory's two routes the catalog calls, over a map of stock levels. */
function fakeInventory(stock: Map<string, Stock>) {
  return (req: InvokeRequest): FakeReply | undefined => {
    if (req.method === 'POST' && req.path === '/internal/stock/lookup') {
      const { productIds } = StockLookupRequest.parse(req.body);
      return { body: [...new Set(productIds)].map((productId) => ({ productId, available: stock.get(productId)?.available ?? 0 })) };
    }
    const put = req.method === 'PUT' ? STOCK_PATH.exec(req.path) : null;
    if (!put) return undefined;
    const update = StockUpdate.parse(req.body);
    const reserved = stock.get(put[1]!)?.reserved ?? 0;
    if (update.onHand < reserved) throw conflict('stock-below-reserved', `Cannot set stock to ${update.onHand}: ${reserved} units are reserved`);
    const row: Stock = {
      productId: put[1]!,
      sellerId: update.sellerId,
      onHand: update.onHand,
      reserved,
      available: update.onHand - reserved,
      updatedAt: new Date().toISOString(),
    };
    stock.set(row.productId, row);
    return { body: row };
  };
}

/** Options of {@link catalogApp}. */
export interface CatalogAppOptions {
  /** Insert the generated sample catalog first, as `npm start` does. */
  seed?: boolean;
  /** Answers calls to the embeddings service; unset, it is unreachable (as when it is not deployed). */
  embeddings?: (req: InvokeRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;
}

export async function catalogApp(options: CatalogAppOptions = {}) {
  const db = await openTestDatabase('catalog', catalogDatabase);
  const stock = new Map<string, Stock>();
  const inventory = fakeInventory(stock);
  const invoke: FakeInvokeHandler = (appId: AppId, req) => {
    if (appId === 'inventory') return inventory(req);
    if (appId === 'embeddings' && options.embeddings) return options.embeddings(req);
    return { status: 502, body: { code: 'upstream-unavailable' } };
  };
  const runtime = createFakeRuntime({ appId: 'catalog', invoke });
  const logger = silentLogger();
  const deps: CatalogDeps = {
    store: createCatalogStore(db.orm, () => undefined),
    inventory: createInventoryClient(runtime.invoke, logger),
    embeddings: createEmbeddingsClient(runtime.invoke),
    clock: systemClock,
  };
  const auth = createFakeVerifier();
  const app = acceptFakeAppToken(createApp({ ...deps, logger, verifier: auth.verifier, ready: async () => true }));
  const subscriptions = catalogSubscriptions(deps);
  const seed = () => seedCatalog(deps, generateCatalogSeed(SEED_SELLERS), logger);
  if (options.seed) await seed();
  // What the embedding backfill does at start: with embeddings at hand, every product gets its vector.
  if (options.seed && options.embeddings) await embedMissingProducts(deps, () => false);
  return {
    /** Presents the app token, as other services do. */
    api: request.agent(app.callback()).set(fakeInternalHeaders),
    /** Without the app token, as a shopper through the gateway. */
    publicApi: request(app.callback()),
    deps,
    runtime,
    /** Reserves units in the fake inventory, as a checkout would. */
    reserve(productId: string, quantity: number) {
      const row = stock.get(productId);
      if (!row || row.available < quantity) throw new Error(`cannot reserve ${quantity} of ${productId}`);
      stock.set(productId, { ...row, reserved: row.reserved + quantity, available: row.available - quantity });
    },
    sql: db.sql,
    seed,
    /** Delivers one event to the catalog's subscription for `topic`, as the bus would. */
    deliver: (topic: string, data: unknown) => deliverEvent(subscriptions, topic, data),
    tokenFor: (principal: Principal) => auth.tokenFor(principal),
    close: db.close,
  };
}

/** What {@link catalogApp} answers. */
export type CatalogApp = Awaited<ReturnType<typeof catalogApp>>;
