import type { LoginRequest, RegisterRequest } from '@shopmesh/contracts';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { api, client, type Session } from '../api';
import { useCartStore } from './cart';

/** Who is signed in; the API client owns the tokens, this store mirrors its session for the UI. */
export const useAuthStore = defineStore('auth', () => {
  const session = shallowRef<Session | null>(client.session());
  client.onSessionChange((s) => (session.value = s));

  const user = computed(() => session.value?.user ?? null);
  const isSignedIn = computed(() => user.value !== null);
  const isSeller = computed(() => user.value?.role === 'seller');
  const isAdmin = computed(() => user.value?.role === 'admin');

  async function login(body: LoginRequest) {
    client.signIn(await api.auth.login(body));
    await useCartStore().mergeGuestCart();
  }

  async function register(body: RegisterRequest) {
    client.signIn(await api.auth.register(body));
    await useCartStore().mergeGuestCart();
  }

  async function logout() {
    const refreshToken = session.value?.refreshToken;
    client.signOut();
    useCartStore().reset();
    // Ending the session server-side is best effort: the tokens are already gone from this browser.
    if (refreshToken) await api.auth.logout(refreshToken).catch(() => undefined);
  }

  async function rename(name: string) {
    client.updateUser(await api.me.update(name));
  }

  return { session, user, isSignedIn, isSeller, isAdmin, login, register, logout, rename };
});
