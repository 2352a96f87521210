import {
  AddCartItemRequest,
  Slug,
  Address,
  AddressList,
  AddressWithId,
  Cart,
  Category,
  CategoryList,
  IdempotencyKeyHeader,
  Jwks,
  LoginRequest,
  LogoutRequest,
  Notification,
  NotificationPage,
  NotificationQuery,
  NotificationStreamHeaders,
  Order,
  OrderPage,
  PageQuery,
  PlaceOrderRequest,
  PlaceOrderResponse,
  Product,
  ProductPage,
  ProductQuery,
  RefreshRequest,
  RegisterRequest,
  RelatedProducts,
  RelatedQuery,
  Seller,
  SellerProductPage,
  SellerProductQuery,
  SetStockRequest,
  SuggestionList,
  SuggestQuery,
  TokenResponse,
  UpdateAddressRequest,
  UpdateCartItemRequest,
  UpdateProfileRequest,
  UserProfile,
} from '@shopmesh/contracts';
import type { ApiOperation, NamedSchema } from '../domain/openapi';

const ADDRESS_EXAMPLE = { name: 'Ada Lovelace', line1: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
const PRODUCT_EXAMPLE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
// What the card number accepts before payments strips spaces and dashes: 12 to 19 digits.
const CARD_NUMBER_INPUT = '^(?:[ -]*[0-9]){12,19}[ -]*$';

const n = (name: string, schema: NamedSchema['schema'], more: Omit<NamedSchema, 'name' | 'schema'> = {}): NamedSchema => ({ name, schema, ...more });
const ok = (schema: NamedSchema, status = 200) => ({ status, description: 'OK', schema });
const noContent = { status: 204, description: 'No content' };

const tokens = n('TokenResponse', TokenResponse);
const profile = n('UserProfile', UserProfile);
const address = n('AddressWithId', AddressWithId);
const product = n('Product', Product);
const cart = n('Cart', Cart);
const order = n('Order', Order);

/** The public API as the gateway exposes it, described with the contracts' schemas. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post',
    path: '/auth/register',
    tag: 'auth',
    summary: 'Register a customer or seller and log in',
    errors: [409],
    body: n('RegisterRequest', RegisterRequest, {
      example: { email: 'ada@example.com', password: 'correct horse battery staple', name: 'Ada Lovelace', role: 'customer' },
    }),
    response: ok(tokens, 201),
  },
  {
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    // Wrong credentials or a spent refresh token.
    errors: [401],
    summary: 'Log in (slowed per account and client address after repeated failures: 429 login-throttled)',
    body: n('LoginRequest', LoginRequest, { example: { email: 'customer@example.com', password: 'Customer@123' } }),
    response: ok(tokens),
  },
  {
    method: 'post',
    path: '/auth/refresh',
    tag: 'auth',
    // Wrong credentials or a spent refresh token.
    errors: [401],
    summary: 'Exchange a single-use refresh token for a new pair',
    body: n('RefreshRequest', RefreshRequest, { example: { refreshToken: 'rt_5f2b8c1e9d7a4b3c8e6f1a2d' } }),
    response: ok(tokens),
  },
  {
    method: 'post',
    path: '/auth/logout',
    tag: 'auth',
    // Wrong credentials or a spent refresh token.
    errors: [401],
    summary: 'End the session of a refresh token',
    body: n('LogoutRequest', LogoutRequest, { example: { refreshToken: 'rt_5f2b8c1e9d7a4b3c8e6f1a2d' } }),
    response: noContent,
  },
  { method: 'get', path: '/auth/jwks', tag: 'auth', summary: 'Public keys access tokens are signed with', response: ok(n('Jwks', Jwks)) },

  { method: 'get', path: '/me', tag: 'me', auth: true, summary: 'Own profile', response: ok(profile) },
  {
    method: 'patch',
    path: '/me',
    tag: 'me',
    auth: true,
    summary: 'Change own name',
    body: n('UpdateProfileRequest', UpdateProfileRequest, { example: { name: 'Ada King' } }),
    response: ok(profile),
  },
  { method: 'get', path: '/me/addresses', tag: 'me', auth: true, summary: 'Saved addresses', response: ok(n('AddressList', AddressList)) },
  {
    method: 'post',
    path: '/me/addresses',
    tag: 'me',
    auth: true,
    summary: 'Save an address (at most 20: 422 beyond)',
    errors: [422],
    body: n('Address', Address, { example: ADDRESS_EXAMPLE }),
    response: ok(address, 201),
  },
  {
    method: 'patch',
    path: '/me/addresses/:id',
    tag: 'me',
    auth: true,
    summary: 'Change a saved address',
    body: n('UpdateAddressRequest', UpdateAddressRequest, { example: { city: 'Cambridge', line2: null } }),
    response: ok(address),
  },
  { method: 'delete', path: '/me/addresses/:id', tag: 'me', auth: true, summary: 'Delete a saved address', response: noContent },

  {
    method: 'get',
    path: '/products',
    tag: 'catalog',
    summary:
      'Search and list products: keyword, semantic (by meaning) or hybrid (both, rank-fused); minPrice must not exceed maxPrice (400); 503 names the fix when the embedding model is missing',
    query: ProductQuery,
    response: ok(n('ProductPage', ProductPage)),
  },
  {
    method: 'get',
    path: '/products/suggest',
    tag: 'catalog',
    summary: 'Autocomplete: up to 8 product names and categories by prefix and trigram similarity (typo-tolerant)',
    query: SuggestQuery,
    response: ok(n('SuggestionList', SuggestionList)),
  },
  { method: 'get', path: '/products/:id', tag: 'catalog', summary: 'One product', response: ok(product) },
  {
    method: 'get',
    path: '/products/:id/related',
    tag: 'catalog',
    summary: 'Nearest products by meaning; same-seller and out-of-stock items ranked lower',
    query: RelatedQuery,
    response: ok(n('RelatedProducts', RelatedProducts)),
  },
  { method: 'get', path: '/categories', tag: 'catalog', summary: 'All categories', response: ok(n('CategoryList', CategoryList)) },
  { method: 'get', path: '/categories/:slug', params: { slug: Slug }, tag: 'catalog', summary: 'One category', response: ok(n('Category', Category)) },
  { method: 'get', path: '/sellers/:id', tag: 'catalog', summary: "A seller's public profile", response: ok(n('Seller', Seller)) },

  {
    method: 'get',
    path: '/seller/products',
    tag: 'seller',
    auth: true,
    roles: true,
    summary: 'Own products',
    query: SellerProductQuery,
    response: ok(n('SellerProductPage', SellerProductPage)),
  },
  {
    method: 'put',
    path: '/seller/products/:id/stock',
    tag: 'seller',
    auth: true,
    roles: true,
    summary: 'Set units on hand',
    body: n('SetStockRequest', SetStockRequest, { example: { quantity: 25 } }),
    response: { status: 200, description: 'The stock level' },
  },

  { method: 'get', path: '/cart', tag: 'cart', auth: true, summary: 'Own cart (ETag header for If-Match)', response: ok(cart) },
  { method: 'delete', path: '/cart', tag: 'cart', auth: true, summary: 'Empty the cart', response: noContent },
  {
    method: 'post',
    path: '/cart/items',
    tag: 'cart',
    auth: true,
    summary: 'Add a product (If-Match: the cart ETag, optional)',
    errors: [409, 412, 422],
    body: n('AddCartItemRequest', AddCartItemRequest, { example: { productId: PRODUCT_EXAMPLE_ID, quantity: 1 } }),
    response: ok(cart),
  },
  {
    method: 'patch',
    path: '/cart/items/:productId',
    tag: 'cart',
    auth: true,
    summary: 'Change a quantity (If-Match optional)',
    errors: [409, 412, 422],
    body: n('UpdateCartItemRequest', UpdateCartItemRequest, { example: { quantity: 2 } }),
    response: ok(cart),
  },
  { method: 'delete', path: '/cart/items/:productId', tag: 'cart', auth: true, summary: 'Remove a product', response: ok(cart) },

  {
    method: 'post',
    path: '/orders',
    tag: 'orders',
    auth: true,
    summary: 'Place an order (checkout runs asynchronously); exactly one of addressId or shippingAddress',
    errors: [409, 422],
    headers: IdempotencyKeyHeader,
    body: n('PlaceOrderRequest', PlaceOrderRequest, {
      example: { shippingAddress: ADDRESS_EXAMPLE, payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' } },
      extend: {
        // The contract's refine: exactly one of the two says where the order goes.
        oneOf: [{ required: ['addressId'] }, { required: ['shippingAddress'] }],
        allOf: [{ properties: { payment: { properties: { cardNumber: { pattern: CARD_NUMBER_INPUT } } } } }],
      },
    }),
    response: ok(n('PlaceOrderResponse', PlaceOrderResponse), 202),
  },
  { method: 'get', path: '/orders', tag: 'orders', auth: true, summary: 'Own orders', query: PageQuery, response: ok(n('OrderPage', OrderPage)) },
  { method: 'get', path: '/orders/:id', tag: 'orders', auth: true, summary: 'One order with its timeline', response: ok(order) },
  {
    method: 'post',
    path: '/orders/:id/payment/approve',
    tag: 'orders',
    auth: true,
    summary: 'Approve a payment that needs shopper action; the saga carries on (202)',
    errors: [409],
    response: ok(n('PlaceOrderResponse', PlaceOrderResponse), 202),
  },

  {
    method: 'get',
    path: '/notifications',
    tag: 'notifications',
    auth: true,
    summary: 'Own notifications',
    query: NotificationQuery,
    response: ok(n('NotificationPage', NotificationPage)),
  },
  {
    method: 'post',
    path: '/notifications/:id/read',
    tag: 'notifications',
    auth: true,
    summary: 'Mark a notification read',
    response: ok(n('Notification', Notification)),
  },
  {
    method: 'get',
    path: '/notifications/stream',
    tag: 'notifications',
    auth: true,
    summary: 'Live notifications (Server-Sent Events)',
    headers: NotificationStreamHeaders,
    response: { status: 200, description: 'An event stream', contentType: 'text/event-stream' },
  },
];
