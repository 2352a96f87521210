import {
  AddCartItemRequest,
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
  Seller,
  SellerProductPage,
  SellerProductQuery,
  SetStockRequest,
  TokenResponse,
  UpdateAddressRequest,
  UpdateCartItemRequest,
  UpdateProfileRequest,
  UserProfile,
} from '@shopmesh/contracts';
import type { ApiOperation, NamedSchema } from '../domain/openapi';

const n = (name: string, schema: NamedSchema['schema']): NamedSchema => ({ name, schema });
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
  { method: 'post', path: '/auth/register', tag: 'auth', summary: 'Register a customer or seller and log in', body: n('RegisterRequest', RegisterRequest), response: ok(tokens, 201) },
  { method: 'post', path: '/auth/login', tag: 'auth', summary: 'Log in (locked for a while after repeated failures: 429 account-locked)', body: n('LoginRequest', LoginRequest), response: ok(tokens) },
  { method: 'post', path: '/auth/refresh', tag: 'auth', summary: 'Exchange a single-use refresh token for a new pair', body: n('RefreshRequest', RefreshRequest), response: ok(tokens) },
  { method: 'post', path: '/auth/logout', tag: 'auth', summary: 'End the session of a refresh token', body: n('LogoutRequest', LogoutRequest), response: noContent },
  { method: 'get', path: '/auth/jwks', tag: 'auth', summary: 'Public keys access tokens are signed with', response: ok(n('Jwks', Jwks)) },

  { method: 'get', path: '/me', tag: 'me', auth: true, summary: 'Own profile', response: ok(profile) },
  { method: 'patch', path: '/me', tag: 'me', auth: true, summary: 'Change own name', body: n('UpdateProfileRequest', UpdateProfileRequest), response: ok(profile) },
  { method: 'get', path: '/me/addresses', tag: 'me', auth: true, summary: 'Saved addresses', response: ok(n('AddressList', AddressList)) },
  { method: 'post', path: '/me/addresses', tag: 'me', auth: true, summary: 'Save an address', body: n('Address', Address), response: ok(address, 201) },
  { method: 'patch', path: '/me/addresses/:id', tag: 'me', auth: true, summary: 'Change a saved address', body: n('UpdateAddressRequest', UpdateAddressRequest), response: ok(address) },
  { method: 'delete', path: '/me/addresses/:id', tag: 'me', auth: true, summary: 'Delete a saved address', response: noContent },

  { method: 'get', path: '/products', tag: 'catalog', summary: 'Search and list products', query: ProductQuery, response: ok(n('ProductPage', ProductPage)) },
  { method: 'get', path: '/products/:id', tag: 'catalog', summary: 'One product', response: ok(product) },
  { method: 'get', path: '/categories', tag: 'catalog', summary: 'All categories', response: ok(n('CategoryList', CategoryList)) },
  { method: 'get', path: '/categories/:slug', tag: 'catalog', summary: 'One category', response: ok(n('Category', Category)) },
  { method: 'get', path: '/sellers/:id', tag: 'catalog', summary: "A seller's public profile", response: ok(n('Seller', Seller)) },

  { method: 'get', path: '/seller/products', tag: 'seller', auth: true, summary: 'Own products', query: SellerProductQuery, response: ok(n('SellerProductPage', SellerProductPage)) },
  { method: 'put', path: '/seller/products/:id/stock', tag: 'seller', auth: true, summary: 'Set units on hand', body: n('SetStockRequest', SetStockRequest), response: { status: 200, description: 'The stock level' } },
  { method: 'get', path: '/seller/orders', tag: 'seller', auth: true, summary: 'Orders with own products', query: PageQuery, response: ok(n('OrderPage', OrderPage)) },
  { method: 'get', path: '/seller/orders/:id', tag: 'seller', auth: true, summary: 'One order with own products', response: ok(order) },

  { method: 'get', path: '/cart', tag: 'cart', auth: true, summary: 'Own cart (ETag header for If-Match)', response: ok(cart) },
  { method: 'delete', path: '/cart', tag: 'cart', auth: true, summary: 'Empty the cart', response: noContent },
  { method: 'post', path: '/cart/items', tag: 'cart', auth: true, summary: 'Add a product', body: n('AddCartItemRequest', AddCartItemRequest), response: ok(cart) },
  { method: 'patch', path: '/cart/items/:productId', tag: 'cart', auth: true, summary: 'Change a quantity', body: n('UpdateCartItemRequest', UpdateCartItemRequest), response: ok(cart) },
  { method: 'delete', path: '/cart/items/:productId', tag: 'cart', auth: true, summary: 'Remove a product', response: ok(cart) },

  { method: 'post', path: '/orders', tag: 'orders', auth: true, summary: 'Place an order (checkout runs asynchronously)', headers: IdempotencyKeyHeader, body: n('PlaceOrderRequest', PlaceOrderRequest), response: ok(n('PlaceOrderResponse', PlaceOrderResponse), 202) },
  { method: 'get', path: '/orders', tag: 'orders', auth: true, summary: 'Own orders', query: PageQuery, response: ok(n('OrderPage', OrderPage)) },
  { method: 'get', path: '/orders/:id', tag: 'orders', auth: true, summary: 'One order with its timeline', response: ok(order) },
  { method: 'post', path: '/orders/:id/cancel', tag: 'orders', auth: true, summary: 'Cancel an order', response: ok(order) },
  { method: 'post', path: '/orders/:id/payment/approve', tag: 'orders', auth: true, summary: 'Approve a payment that needs shopper action', response: ok(order) },

  { method: 'get', path: '/notifications', tag: 'notifications', auth: true, summary: 'Own notifications', query: NotificationQuery, response: ok(n('NotificationPage', NotificationPage)) },
  { method: 'post', path: '/notifications/:id/read', tag: 'notifications', auth: true, summary: 'Mark a notification read', response: noContent },
  { method: 'get', path: '/notifications/stream', tag: 'notifications', auth: true, summary: 'Live notifications (Server-Sent Events)', headers: NotificationStreamHeaders, response: { status: 200, description: 'An event stream', contentType: 'text/event-stream' } },
];
