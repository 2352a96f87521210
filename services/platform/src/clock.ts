/** Time as the domain sees it; tests pass a fixed or steppable clock. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
