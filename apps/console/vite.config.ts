import { defineConfig } from 'vite';

/**
 * Preact through esbuild's own JSX transform (no framework plugin). `vite` (dev) proxies the API and its
 * event streams to a gateway on GATEWAY_URL, so the page and the API share one origin as in production.
 */
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The gateway's CSP allows no inline code: keep every asset a file, however small.
    assetsInlineLimit: 0,
    sourcemap: true,
    // The contracts package is compiled to CommonJS (Node runs it); its error type names are shared with the page.
    commonjsOptions: { include: [/node_modules/, /packages\/contracts\/dist/] },
  },
  server: {
    proxy: {
      // env-exception: Vite's dev-server config, read by the Vite CLI, not by a process of the system.
      '/api': { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:3001', changeOrigin: true },
    },
  },
});
