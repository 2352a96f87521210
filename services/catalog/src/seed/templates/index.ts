import { ACTIVE_TEMPLATES } from './active';
import { HOME_TEMPLATES } from './home';
import { LIFESTYLE_TEMPLATES } from './lifestyle';
import type { CategoryTemplate } from './types';

export type { CategoryTemplate, ProductKind } from './types';

/** Every seeded category in display order. */
export const CATEGORY_TEMPLATES: CategoryTemplate[] = [...HOME_TEMPLATES, ...ACTIVE_TEMPLATES, ...LIFESTYLE_TEMPLATES];
