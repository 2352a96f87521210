import { addToCart, call, login, newShopper, placeOrder, pool, waitSettled } from './shop-client';
import { percentile } from './stats';

/** Failed requests by kind (`<status> <problem code>`, or the step and the thrown message). */
function errorTally(): { kinds: Record<string, number>; failed: (kind: string) => void } {
  const kinds: Record<string, number> = {};
  return { kinds, failed: (kind) => void (kinds[kind] = (kinds[kind] ?? 0) + 1) };
}

const total = (kinds: Record<string, number>) => Object.values(kinds).reduce((sum, n) => sum + n, 0);

/** What the checkout scenario measured. */
export interface CheckoutResult {
  /** Shoppers checking out at once. */
  buyers: number;
  confirmedPerSecond: number;
  confirmed: number;
  cancelled: number;
  unsettled: number;
  errors: number;
  /** Why requests failed: `<status> <problem code>` or the thrown message, with counts. */
  errorKinds: Record<string, number>;
  placeP50: number;
  placeP95: number;
  placedToConfirmedP50: number;
  placedToConfirmedP95: number;
}

/**
 * `buyers` shoppers, each looping add-to-cart -> POST /orders -> poll until the saga settles, for
 * `seconds`. Shoppers are registered before the clock starts (registration hashes a password).
 */
export async function checkout(api: string, buyers: number, seconds: number, onTick?: (confirmed: number, elapsed: number) => void): Promise<CheckoutResult> {
  const list = await call(api, 'GET', '/products?pageSize=20&sort=price_asc');
  const products = (list.body.items as { id: string }[]).map((p) => p.id);
  const tokens = await pool(
    Array.from({ length: buyers }, (_, i) => i),
    8,
    () => newShopper(api),
  );
  const places: number[] = [];
  const settles: number[] = [];
  let confirmed = 0;
  let cancelled = 0;
  let unsettled = 0;
  const { kinds: errorKinds, failed } = errorTally();
  const started = Date.now();
  const until = started + seconds * 1000;
  const ticker = setInterval(() => onTick?.(confirmed, (Date.now() - started) / 1000), 1000);
  await Promise.all(
    tokens.map(async (token, i) => {
      let n = i;
      while (Date.now() < until) {
        try {
          await addToCart(api, token, products[n++ % products.length]!);
          const placed = performance.now();
          const order = await placeOrder(api, token);
          places.push(order.ms);
          if (order.status !== 202) {
            failed(`POST /orders ${order.status} ${(order.body as { code?: string } | undefined)?.code ?? ''}`.trim());
            continue;
          }
          const status = await waitSettled(api, token, order.body.id, Date.now() + 30_000);
          if (status === 'CONFIRMED') {
            confirmed++;
            settles.push(performance.now() - placed);
          } else if (status === 'CANCELLED') cancelled++;
          else unsettled++;
        } catch (err) {
          failed((err as Error).message.slice(0, 120));
        }
      }
    }),
  );
  clearInterval(ticker);
  const elapsed = (Date.now() - started) / 1000;
  places.sort((a, b) => a - b);
  settles.sort((a, b) => a - b);
  return {
    buyers,
    confirmedPerSecond: confirmed / elapsed,
    confirmed,
    cancelled,
    unsettled,
    errors: total(errorKinds),
    errorKinds,
    placeP50: percentile(places, 50),
    placeP95: percentile(places, 95),
    placedToConfirmedP50: percentile(settles, 50),
    placedToConfirmedP95: percentile(settles, 95),
  };
}

/** What the flash sale ended with. */
export interface FlashSaleResult {
  buyers: number;
  stock: number;
  confirmed: number;
  cancelled: number;
  /** Buyers told it sold out, by the cart (422) or at POST /orders (409 out-of-stock): no order was made for them. */
  soldOut: number;
  pending: number;
  errors: number;
  /** Why requests failed: `<step> <status or thrown message>`, with counts. */
  errorKinds: Record<string, number>;
  seconds: number;
}

/**
 * A flash sale: `buyers` registered shoppers put the one product in their carts, then all POST /orders
 * at once for `stock` units. The losers are told it sold out there (409 out-of-stock), or by the cart
 * when none was left to add (422); after `settleSeconds` every order placed must be CONFIRMED or
 * CANCELLED. Buyers poll their order every second, as the storefront does (it also listens on SSE).
 */
export async function flashSale(api: string, buyers: number, stock: number, settleSeconds = 30): Promise<FlashSaleResult> {
  const seller = await login(api, 'seller@example.com', 'Seller@123');
  const mine = await call(api, 'GET', '/seller/products?pageSize=1', undefined, { authorization: `Bearer ${seller}` });
  const product = mine.body.items[0].id as string;
  const set = await call(api, 'PUT', `/seller/products/${product}/stock`, { quantity: stock }, { authorization: `Bearer ${seller}` });
  if (set.status !== 200) throw new Error(`setting stock answered ${set.status}`);
  const tokens = await pool(
    Array.from({ length: buyers }, (_, i) => i),
    8,
    () => newShopper(api),
  );
  let soldOut = 0;
  const { kinds: errorKinds, failed } = errorTally();
  const inCart = (
    await pool(tokens, 32, async (token) => {
      const status = await addToCart(api, token, product).catch((err: Error) => failed(`add to cart: ${err.message.slice(0, 120)}`));
      if (status === 422) soldOut++;
      return status === 200 || status === 201 ? token : undefined;
    })
  ).filter((t): t is string => t !== undefined);
  const started = Date.now();
  const orders = await Promise.all(
    inCart.map(async (token) => {
      const order = await placeOrder(api, token).catch((err: Error) => failed(`POST /orders: ${err.message.slice(0, 120)}`));
      if (!order) return undefined;
      const code = (order.body as { code?: string } | undefined)?.code;
      if (order.status === 409 && code === 'out-of-stock') soldOut++;
      else if (order.status !== 202) failed(`POST /orders ${order.status} ${code ?? ''}`.trim());
      return order.status === 202 ? { token, id: order.body.id } : undefined;
    }),
  );
  const deadline = started + settleSeconds * 1000;
  const statuses = await Promise.all(orders.map((o) => (o ? waitSettled(api, o.token, o.id, deadline, 1000) : Promise.resolve(undefined))));
  const count = (s: string) => statuses.filter((x) => x === s).length;
  return {
    buyers,
    stock,
    confirmed: count('CONFIRMED'),
    cancelled: count('CANCELLED'),
    soldOut,
    pending: count('PENDING'),
    errors: total(errorKinds),
    errorKinds,
    seconds: (Date.now() - started) / 1000,
  };
}
