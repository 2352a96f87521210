import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// `npm run dev:web` proxies the API to a running shop (npm start); SHOPMESH_API points elsewhere.
const api = process.env.SHOPMESH_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [vue()],
  server: { port: 5173, proxy: { '/api': { target: api, changeOrigin: true } } },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 300 },
});
