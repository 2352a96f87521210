import { EntitySchema } from '@mikro-orm/postgresql';
import type { CategoryRecord } from '../domain/ports';

export const CategorySchema = new EntitySchema<CategoryRecord>({
  name: 'Category',
  tableName: 'categories',
  properties: {
    slug: { type: 'string', primary: true },
    name: { type: 'string' },
    description: { type: 'text' },
    position: { type: 'integer' },
  },
});
