import type { ServiceDatabase } from '@shopmesh/platform';
import { CategorySchema } from './category.entity';
import { CatalogTables001 } from './migrations/001-catalog-tables';
import { CatalogSearch002 } from './migrations/002-search';
import { CatalogShopLife003 } from './migrations/003-shop-life';
import { CatalogPurchaseLines004 } from './migrations/004-purchase-lines';
import { CatalogDenserVectorIndex005 } from './migrations/005-denser-vector-index';
import { ProductSchema } from './product.entity';
import { PurchaseLineSchema, PersonSchema, ReviewSchema } from './review.entity';
import { SellerSchema } from './seller.entity';

/** The catalog's tables and their migrations. */
export const catalogDatabase: ServiceDatabase = {
  entities: [CategorySchema, SellerSchema, ProductSchema, ReviewSchema, PersonSchema, PurchaseLineSchema],
  migrations: [
    { name: '001-catalog-tables', class: CatalogTables001 },
    { name: '002-search', class: CatalogSearch002 },
    { name: '003-shop-life', class: CatalogShopLife003 },
    { name: '004-purchase-lines', class: CatalogPurchaseLines004 },
    { name: '005-denser-vector-index', class: CatalogDenserVectorIndex005 },
  ],
};
