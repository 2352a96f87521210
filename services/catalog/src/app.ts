import { authenticate, createServiceApp, type Logger, type ServiceApp, type TokenVerifier } from '@shopmesh/platform';
import type { CatalogDeps } from './domain/ports';
import { conditionalGet } from './routes/conditional-get';
import { categoriesRouter } from './routes/categories';
import { internalProductsRouter } from './routes/internal-products';
import { productsRouter } from './routes/products';
import { reviewsRouter } from './routes/reviews';
import { sellerProductsRouter } from './routes/seller-products';
import { sellersRouter } from './routes/sellers';

/** What the catalog app is built from. */
export interface CatalogAppDeps extends CatalogDeps {
  logger: Logger;
  verifier: TokenVerifier;
  ready?: () => Promise<boolean>;
}

/** Builds the catalog's Koa app; never listens. */
export function createApp(deps: CatalogAppDeps): ServiceApp {
  return createServiceApp({
    name: 'catalog',
    logger: deps.logger,
    middleware: [conditionalGet({ maxAgeSeconds: 5 }), authenticate(deps.verifier)],
    routers: [productsRouter(deps), reviewsRouter(deps), categoriesRouter(deps), sellersRouter(deps), sellerProductsRouter(deps), internalProductsRouter(deps)],
    ready: deps.ready,
  });
}
