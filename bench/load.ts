import autocannon from 'autocannon';
import { summarise, type Measurement } from './stats';

/** One closed-loop load measurement of a GET endpoint. */
export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** A different path for every request (uncached search); the url's path otherwise. */
  path?: (n: number) => string;
  headers?: Record<string, string>;
  /** Called about once a second with the requests so far. */
  onTick?: (requests: number, elapsedSeconds: number) => void;
}

/**
 * Measures with autocannon (keep-alive connections, one request in flight each), recording every
 * response's latency so p95 is exact (autocannon's own histogram reports p97.5, not p95). A status
 * other than 2xx/304 counts as an error.
 */
export function measure(options: LoadOptions): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers ?? {},
        ...(options.path ? { requests: [{ method: 'GET', setupRequest: (req: autocannon.Request) => ({ ...req, path: options.path!(n++) }) }] } : {}),
      },
      (err) => {
        if (err) reject(err);
        else resolve(summarise(latencies, (Date.now() - started) / 1000, errors));
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if ((statusCode >= 200 && statusCode < 300) || statusCode === 304) latencies.push(responseTime);
      else errors++;
    });
    instance.on('reqError', () => errors++);
    const ticker = setInterval(() => options.onTick?.(latencies.length + errors, (Date.now() - started) / 1000), 1000);
    instance.on('done', () => clearInterval(ticker));
  });
}
