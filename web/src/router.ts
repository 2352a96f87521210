import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router';
import { useAuthStore } from './stores/auth';

/** Sends a guest to sign in and back. */
const signedIn = (to: RouteLocationNormalized) => (useAuthStore().isSignedIn ? true : { name: 'login', query: { redirect: to.fullPath } });
/** Only sellers enter the portal; a shopper gets the 403 page, a guest the sign-in. */
const sellerOnly = (to: RouteLocationNormalized) => {
  const auth = useAuthStore();
  if (!auth.isSignedIn) return { name: 'login', query: { redirect: to.fullPath } };
  return auth.isSeller ? true : { name: 'forbidden', query: { from: to.fullPath } };
};
const adminOnly = (to: RouteLocationNormalized) => {
  const auth = useAuthStore();
  if (!auth.isSignedIn) return { name: 'login', query: { redirect: to.fullPath } };
  return auth.isAdmin ? true : { name: 'forbidden', query: { from: to.fullPath } };
};

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue') },
  { path: '/search', name: 'search', component: () => import('./views/SearchView.vue') },
  { path: '/c/:slug', name: 'category', component: () => import('./views/SearchView.vue'), props: true },
  { path: '/p/:id', name: 'product', component: () => import('./views/ProductView.vue'), props: true },
  { path: '/shops/:id', name: 'shop', component: () => import('./views/ShopView.vue'), props: true },
  { path: '/cart', name: 'cart', component: () => import('./views/CartView.vue') },
  { path: '/checkout', name: 'checkout', component: () => import('./views/CheckoutView.vue'), beforeEnter: signedIn },
  { path: '/orders', name: 'orders', component: () => import('./views/OrdersView.vue'), beforeEnter: signedIn },
  { path: '/orders/:id', name: 'order', component: () => import('./views/OrderView.vue'), props: true, beforeEnter: signedIn },
  { path: '/account', name: 'account', component: () => import('./views/AccountView.vue'), beforeEnter: signedIn },
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue') },
  { path: '/register', name: 'register', component: () => import('./views/RegisterView.vue') },
  { path: '/reset-password', name: 'reset-password', component: () => import('./views/ResetPasswordView.vue') },
  { path: '/verify-email', name: 'verify-email', component: () => import('./views/VerifyEmailView.vue') },
  { path: '/seller', name: 'seller', component: () => import('./views/seller/SellerProductsView.vue'), beforeEnter: sellerOnly },
  { path: '/seller/products/new', name: 'seller-product-new', component: () => import('./views/seller/SellerProductEditView.vue'), beforeEnter: sellerOnly },
  {
    path: '/seller/products/:id',
    name: 'seller-product-edit',
    component: () => import('./views/seller/SellerProductEditView.vue'),
    props: true,
    beforeEnter: sellerOnly,
  },
  { path: '/seller/orders', name: 'seller-orders', component: () => import('./views/seller/SellerOrdersView.vue'), beforeEnter: sellerOnly },
  { path: '/seller/reviews', name: 'seller-reviews', component: () => import('./views/seller/SellerReviewsView.vue'), beforeEnter: sellerOnly },
  { path: '/seller/promo-codes', name: 'seller-promos', component: () => import('./views/seller/SellerPromosView.vue'), beforeEnter: sellerOnly },
  { path: '/ops', name: 'ops', component: () => import('./views/OpsView.vue'), beforeEnter: adminOnly },
  { path: '/forbidden', name: 'forbidden', component: () => import('./views/ForbiddenView.vue') },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
];

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
}
