import {
  AddressList,
  AddressWithId,
  Cart,
  Category,
  CategoryList,
  DevMailPage,
  NotificationPage,
  Order,
  OrderPage,
  PlaceOrderResponse,
  Product,
  ProductPage,
  PromoCode,
  PromoCodeList,
  Review,
  ReviewPage,
  SellerProfile,
  SellerProductPage,
  Stock,
  TokenResponse,
  UserProfile,
  VerifyEmailResponse,
  type Address,
  type CreatePromoCodeRequest,
  type CreateReviewRequest,
  type LoginRequest,
  type PlaceOrderRequest,
  type ProductDraft,
  type ProductPatch,
  type ProductSort,
  type RegisterRequest,
  type UpdateAddressRequest,
  DeadLetterList,
  DeadLetterReplay,
} from '@shopmesh/contracts';
import { AdminOrderPage, ProductList, SellerOrderPage, SuggestionList, type ShipRequest, type StorefrontSearchMode } from '@shopmesh/contracts/src/storefront';
import { z } from 'zod';
import { createApiClient, localSessionStorage, type RequestOptions } from './client';

export { ApiError, type Session } from './client';

/** The storefront's one API client. */
export const client = createApiClient({ baseUrl: '/api/v1', storage: localSessionStorage() });

const GUEST_CART_KEY = 'shopmesh.guest-cart-id';

/**
 * The signed id of this browser's guest cart, kept as the cart service issued it. Cart calls without a
 * session send it and keep the one that comes back (a new one when it no longer verified).
 */
export const guestCart = {
  id: (): string | null => localStorage.getItem(GUEST_CART_KEY),
  forget: () => localStorage.removeItem(GUEST_CART_KEY),
};

/** A cart call: a signed-in shopper's own cart, else this browser's guest cart by its signed id. */
function cartCall<S extends z.ZodType | undefined>(path: string, opts: RequestOptions<S> = {}) {
  const id = guestCart.id();
  const guest = client.session() === null;
  return client.request(path, {
    ...opts,
    headers: { ...opts.headers, ...(guest && id ? { 'x-cart-id': id } : {}) },
    onHeaders: (headers) => {
      const issued = headers.get('x-cart-id');
      if (guest && issued) localStorage.setItem(GUEST_CART_KEY, issued);
    },
  });
}

/** Search and filters of the results page; undefined values are left out of the query. */
export interface ProductSearch {
  q?: string;
  mode?: StorefrontSearchMode;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  minRating?: number;
  sort?: ProductSort;
  page?: number;
  pageSize?: number;
}

const Health = z.object({ status: z.string(), service: z.string().optional() });

/** One typed function per public endpoint. */
export const api = {
  auth: {
    login: (body: LoginRequest) => client.request('/auth/login', { method: 'POST', body, schema: TokenResponse }),
    register: (body: RegisterRequest) => client.request('/auth/register', { method: 'POST', body, schema: TokenResponse }),
    logout: (refreshToken: string) => client.request('/auth/logout', { method: 'POST', body: { refreshToken } }),
    requestPasswordReset: (email: string) => client.request('/auth/password-reset', { method: 'POST', body: { email } }),
    confirmPasswordReset: (token: string, password: string) => client.request('/auth/password-reset/confirm', { method: 'POST', body: { token, password } }),
    verifyEmail: (token: string) => client.request('/auth/verify-email', { method: 'POST', body: { token }, schema: VerifyEmailResponse }),
  },
  me: {
    get: () => client.request('/me', { schema: UserProfile }),
    update: (name: string) => client.request('/me', { method: 'PATCH', body: { name }, schema: UserProfile }),
    addresses: () => client.request('/me/addresses', { schema: AddressList }),
    addAddress: (body: Address) => client.request('/me/addresses', { method: 'POST', body, schema: AddressWithId }),
    updateAddress: (id: string, body: UpdateAddressRequest) => client.request(`/me/addresses/${id}`, { method: 'PATCH', body, schema: AddressWithId }),
    deleteAddress: (id: string) => client.request(`/me/addresses/${id}`, { method: 'DELETE' }),
  },
  catalog: {
    search: (query: ProductSearch) => client.request('/products', { query: { ...query }, schema: ProductPage }),
    suggest: (q: string) => client.request('/products/suggest', { query: { q }, schema: SuggestionList }),
    product: (id: string) => client.request(`/products/${id}`, { schema: Product }),
    related: (id: string) => client.request(`/products/${id}/related`, { schema: ProductList }),
    boughtTogether: (id: string) => client.request(`/products/${id}/bought-together`, { schema: ProductList }),
    reviews: (id: string, page = 1) => client.request(`/products/${id}/reviews`, { query: { page }, schema: ReviewPage }),
    addReview: (id: string, body: CreateReviewRequest) => client.request(`/products/${id}/reviews`, { method: 'POST', body, schema: Review }),
    categories: () => client.request('/categories', { schema: CategoryList }),
    category: (slug: string) => client.request(`/categories/${slug}`, { schema: Category }),
    seller: (id: string) => client.request(`/sellers/${id}`, { schema: SellerProfile }),
    /** Where the catalog serves a product's placeholder image. */
    imageUrl: (id: string) => client.url(`/products/${id}/image`),
  },
  cart: {
    get: () => cartCall('/cart', { schema: Cart }),
    clear: () => cartCall('/cart', { method: 'DELETE' }),
    add: (productId: string, quantity: number) => cartCall('/cart/items', { method: 'POST', body: { productId, quantity }, schema: Cart }),
    update: (productId: string, quantity: number) => cartCall(`/cart/items/${productId}`, { method: 'PATCH', body: { quantity }, schema: Cart }),
    remove: (productId: string) => cartCall(`/cart/items/${productId}`, { method: 'DELETE', schema: Cart }),
    applyPromo: (code: string) => cartCall('/cart/promo', { method: 'POST', body: { code }, schema: Cart }),
    removePromo: () => cartCall('/cart/promo', { method: 'DELETE', schema: Cart }),
    /** After sign-in: moves the guest cart into the shopper's (quantities summed, capped by availability). */
    merge: (guestCartId: string) => client.request('/cart/merge', { method: 'POST', headers: { 'x-cart-id': guestCartId }, schema: Cart }),
  },
  orders: {
    place: (body: PlaceOrderRequest, idempotencyKey: string) =>
      client.request('/orders', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey }, schema: PlaceOrderResponse }),
    list: (page = 1) => client.request('/orders', { query: { page }, schema: OrderPage }),
    get: (id: string) => client.request(`/orders/${id}`, { schema: Order }),
    cancel: (id: string) => client.request(`/orders/${id}/cancel`, { method: 'POST' }),
    approvePayment: (id: string) => client.request(`/orders/${id}/payment/approve`, { method: 'POST' }),
  },
  notifications: {
    list: () => client.request('/notifications', { query: { pageSize: 20 }, schema: NotificationPage }),
    markRead: (id: string) => client.request(`/notifications/${id}/read`, { method: 'POST' }),
  },
  seller: {
    products: (page = 1) => client.request('/seller/products', { query: { page, pageSize: 50 }, schema: SellerProductPage }),
    create: (body: ProductDraft) => client.request('/seller/products', { method: 'POST', body, schema: Product }),
    update: (id: string, body: ProductPatch) => client.request(`/seller/products/${id}`, { method: 'PATCH', body, schema: Product }),
    remove: (id: string) => client.request(`/seller/products/${id}`, { method: 'DELETE' }),
    setStock: (id: string, quantity: number) => client.request(`/seller/products/${id}/stock`, { method: 'PUT', body: { quantity }, schema: Stock }),
    orders: (page = 1) => client.request('/seller/orders', { query: { page }, schema: SellerOrderPage }),
    ship: (id: string, body: ShipRequest) => client.request(`/seller/orders/${id}/ship`, { method: 'POST', body }),
    deliver: (id: string) => client.request(`/seller/orders/${id}/deliver`, { method: 'POST' }),
    promoCodes: () => client.request('/seller/promo-codes', { schema: PromoCodeList }),
    createPromoCode: (body: CreatePromoCodeRequest) => client.request('/seller/promo-codes', { method: 'POST', body, schema: PromoCode }),
  },
  admin: {
    orders: () => client.request('/admin/orders', { schema: AdminOrderPage }),
    deadLetters: () => client.request('/admin/dead-letters', { schema: DeadLetterList }),
    replay: (id: string) => client.request(`/admin/dead-letters/${encodeURIComponent(id)}/replay`, { method: 'POST', schema: DeadLetterReplay }),
    /** The dev mailbox: mail the shop sent (embedded mode). */
    mail: () => client.request('/admin/mail', { query: { pageSize: 20 }, schema: DevMailPage }),
  },
  /**
   * Whether the gateway answers its API. Probes and metrics live on each service's management port,
   * which only the cluster reaches, so the browser asks the gateway for its OpenAPI document instead.
   */
  health: async (): Promise<z.infer<typeof Health>> => {
    const res = await fetch('/api/openapi.json', { method: 'HEAD' }).catch(() => undefined);
    if (!res) return { status: 'unreachable' };
    return Health.parse({ status: res.ok ? 'ready' : 'not-ready' });
  },
};
