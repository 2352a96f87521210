import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/** Unit tier: stores, composables and components in happy-dom. */
export default defineConfig({
  plugins: [vue()],
  test: { environment: 'happy-dom', include: ['src/**/*.test.ts'], restoreMocks: true },
});
