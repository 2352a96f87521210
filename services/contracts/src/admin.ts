import { z } from 'zod';

/** An event one service's handler could not take, as the ops view shows it. */
export const DeadLetter = z.object({
  /** `<service>:<id within that service>`; what the replay route takes. */
  id: z.string().regex(/^[a-z]+:[\w-]{1,64}$/),
  /** The service whose subscription dead-lettered it. */
  subscriber: z.string(),
  topic: z.string(),
  error: z.string().optional(),
  attempts: z.number().int().nonnegative().optional(),
  failedAt: z.iso.datetime(),
  eventId: z.string(),
  data: z.unknown(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

/** `GET /admin/dead-letters`: the newest first; `unavailable` names services that did not answer. */
export const DeadLetterList = z.object({ items: z.array(DeadLetter), unavailable: z.array(z.string()) });
export type DeadLetterList = z.infer<typeof DeadLetterList>;

/** `POST /admin/dead-letters/:id/replay`: accepted; the event is delivered again to its one subscriber. */
export const DeadLetterReplay = z.object({ id: DeadLetter.shape.id, replayed: z.literal(true) });
export type DeadLetterReplay = z.infer<typeof DeadLetterReplay>;

/** What a service answers on `GET /internal/dead-letters`. */
export const ServiceDeadLetters = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      topic: z.string(),
      error: z.string().optional(),
      attempts: z.number().int().optional(),
      failedAt: z.string(),
      event: z.object({ id: z.string(), data: z.unknown() }),
    }),
  ),
});
export type ServiceDeadLetters = z.infer<typeof ServiceDeadLetters>;
