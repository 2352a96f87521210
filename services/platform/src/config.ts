import { z } from 'zod';

/**
 * Parses configuration once at start-up. A missing or invalid key fails fast with an error that names
 * every offending variable.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv | Record<string, string | undefined>): z.infer<S> {
  // An empty variable (`PORT=`) means "not set", so it takes the default instead of parsing as 0.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Reusable env fields. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  int: (fallback: number) => z.coerce.number().int().default(fallback),
};
