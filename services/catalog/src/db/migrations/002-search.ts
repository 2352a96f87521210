import { Migration } from '@mikro-orm/migrations';

/**
 * Search that understands shoppers: a 384-d embedding per product with an HNSW cosine index, a
 * full-text vector that also knows the category (name A, category B, description C), and trigram
 * indexes for substrings ("lamp" in "Headlamp") and typo-tolerant autocomplete.
 */
export class CatalogSearch002 extends Migration {
  override async up(): Promise<void> {
    // Normally already there (the embedded database and the provisioned servers create both); the
    // catalog must not start without them.
    this.addSql('create extension if not exists vector schema public');
    this.addSql('create extension if not exists pg_trgm schema public');
    this.addSql('alter table products add column embedding vector(384)');
    // What the embedding was made from, so a change that does not touch the text (stock) re-embeds nothing.
    this.addSql('alter table products add column embedding_source text');
    this.addSql('create index products_embedding on products using hnsw (embedding vector_cosine_ops)');
    this.addSql('alter table products drop column search');
    this.addSql(`alter table products add column search tsvector generated always as (
        setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('english', replace(category, '-', ' ')), 'B')
        || setweight(to_tsvector('english', description), 'C')
      ) stored`);
    this.addSql('create index products_search on products using gin (search)');
    this.addSql('create index products_name_trgm on products using gin (lower(name) gin_trgm_ops)');
    this.addSql('create index categories_name_trgm on categories using gin (lower(name) gin_trgm_ops)');
  }
}
