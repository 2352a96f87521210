import { randomUUID } from 'node:crypto';
import { eventually } from '@shopmesh/platform/testing';

export { eventually };

/** A response as the suite inspects it. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A thin client for the public API, as a shopper's app would use it. */
export class ApiClient {
  constructor(
    private readonly base: () => string,
    private readonly token?: string,
  ) {}

  as(token: string): ApiClient {
    return new ApiClient(this.base, token);
  }

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.base()}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as T) : (undefined as T) };
  }

  get = <T = any>(path: string) => this.call<T>('GET', path);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.call<T>('POST', path, body ?? {}, headers);
  put = <T = any>(path: string, body?: unknown) => this.call<T>('PUT', path, body);

  /** Registers a fresh customer and returns a client signed in as them. */
  async newShopper(label = 'shopper'): Promise<{ api: ApiClient; userId: string; email: string }> {
    const email = `${label}-${randomUUID()}@example.com`;
    const password = 'Sh0pper!pass';
    const registered = await this.post('/auth/register', { email, password, name: `Test ${label}` });
    if (registered.status !== 201 && registered.status !== 200) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
    return { ...(await this.login(email, password)), email };
  }

  async login(email: string, password: string): Promise<{ api: ApiClient; userId: string }> {
    const login = await this.post('/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
    return { api: this.as(login.body.accessToken), userId: login.body.user.id };
  }
}

/** Test cards of the simulated processor. */
export const Cards = {
  approves: '4242424242424242',
  declines: '4000000000000002',
  insufficientFunds: '4000000000009995',
  needsApproval: '4000000000003220',
};

export const address = { name: 'Ada Lovelace', line1: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
export const card = (cardNumber: string) => ({ cardNumber, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' });

/** Waits for an order to leave PENDING (or reach `status`) and returns it. */
export function settledOrder(api: ApiClient, orderId: string, timeoutMs = 30_000): Promise<any> {
  return eventually(
    async () => {
      // Only a 200 is the order: a 502 problem (a service restarting) also has a `status` field.
      const order = await api.get(`/orders/${orderId}`);
      return order.status === 200 && order.body.status !== 'PENDING' ? order.body : undefined;
    },
    { what: `order ${orderId} to settle`, timeoutMs },
  );
}
