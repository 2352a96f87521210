/** Ends one open stream; called at most once. */
export type CloseStream = () => void;

/**
 * How many event streams each user holds open at this gateway. A user at the limit who opens one more
 * keeps the new one and loses the oldest (a reloaded tab's stream is the one that is gone), so a
 * client cannot pile up streams, and a shopper is never refused a fresh one.
 */
export class StreamSlots {
  private readonly open = new Map<string, { close: CloseStream }[]>();

  constructor(private readonly perUser: number) {}

  /**
   * Takes a slot for `user`'s new stream, closing their oldest streams beyond the limit. The returned
   * release gives the slot back when the stream ends (calling it twice is harmless).
   */
  claim(user: string, close: CloseStream): () => void {
    const streams = this.open.get(user) ?? [];
    const entry = { close };
    streams.push(entry);
    this.open.set(user, streams);
    while (streams.length > this.perUser) {
      const oldest = streams.shift()!;
      oldest.close();
    }
    return () => {
      const current = this.open.get(user);
      const index = current?.indexOf(entry) ?? -1;
      if (!current || index < 0) return;
      current.splice(index, 1);
      if (current.length === 0) this.open.delete(user);
    };
  }

  /** Streams `user` holds open now. */
  count(user: string): number {
    return this.open.get(user)?.length ?? 0;
  }
}
