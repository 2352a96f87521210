import Router from '@koa/router';
import { AuthorizePaymentRequest, PaymentParams, RegisterPaymentMethodRequest } from '@shopmesh/contracts';
import { parseBody, parseParams } from '@shopmesh/platform';
import type { PaymentAction } from '../domain/payment-state';
import type { Payments } from '../domain/payments';
import { toPaymentView } from './payment-view';

/** The simulated processor; only other services call it, by invocation (the orders saga). */
export function paymentsRouter(payments: Payments): Router {
  const router = new Router({ prefix: '/internal' });

  router.post('/payment-methods', async (ctx) => {
    const { card } = parseBody(ctx, RegisterPaymentMethodRequest);
    const method = await payments.registerMethod(card);
    ctx.status = 201;
    ctx.body = { token: method.token, brand: method.brand, last4: method.last4, expMonth: method.expMonth, expYear: method.expYear };
  });

  router.post('/payments/authorize', async (ctx) => {
    const request = parseBody(ctx, AuthorizePaymentRequest);
    const { payment, created } = await payments.authorize(request);
    ctx.status = created ? 201 : 200;
    ctx.body = toPaymentView(payment);
  });

  router.get('/payments/:orderId', async (ctx) => {
    const { orderId } = parseParams(ctx, PaymentParams);
    ctx.body = toPaymentView(await payments.get(orderId));
  });

  const actions: PaymentAction[] = ['approve', 'void', 'refund'];
  for (const action of actions) {
    router.post(`/payments/:orderId/${action}`, async (ctx) => {
      const { orderId } = parseParams(ctx, PaymentParams);
      ctx.body = toPaymentView(await payments.apply(orderId, action));
    });
  }

  return router;
}
