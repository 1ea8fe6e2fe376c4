/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

// The gateway the dev server forwards to; the built app is served by the gateway itself.
// GATEWAY_URL points a second dev server at another gateway (e.g. one started from source on :8090).
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  // '@onpatrol/contracts' ships TypeScript only: its "source" export condition points at src/index.ts,
  // so both the browser build and the node-side test runner must ask for it first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': gateway,
      '/docs': gateway,
      // signed HLS playlists/segments and WS-FLV of the video wall
      '/media': { target: gateway, ws: true },
      '/socket.io': { target: gateway, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
