import http from 'node:http';

/** One server-sent event, or a comment line (`event` is `comment`). */
export interface SseMessage {
  event: string;
  id?: string;
  data: string;
}

/** A client of an SSE endpoint that keeps every message it has read. */
export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  messages: SseMessage[];
  /** Resolves with the first message (already read or still to come) that matches. */
  next(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

function parse(block: string): SseMessage {
  const message: SseMessage = { event: 'message', data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) return { event: 'comment', data: line.slice(1).trim() };
    const [field, ...rest] = line.split(':');
    const value = rest.join(':').replace(/^ /, '');
    if (field === 'event') message.event = value;
    else if (field === 'id') message.id = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry') message.event = 'retry';
  }
  message.data = data.join('\n');
  return message;
}

/** Opens an SSE stream with `http.get` and resolves once the response headers arrived. */
export function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const messages: SseMessage[] = [];
      const waiters: (() => void)[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          messages.push(parse(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
        for (const wake of waiters.splice(0)) wake();
      });
      response.on('error', () => undefined);
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        messages,
        next(match, timeoutMs = 5_000) {
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error('no matching SSE message in time')), timeoutMs);
            const check = () => {
              const found = messages.find(match);
              if (found) {
                clearTimeout(timer);
                done(found);
              } else waiters.push(check);
            };
            check();
          });
        },
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
