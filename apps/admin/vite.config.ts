import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API serves the built SPA from apps/admin/dist on the same origin, so every request is
// a relative /api call; in development the dev server forwards those to the API.
// Three pages: the staff admin (index.html) and the customer's public signing and application
// pages, which the API serves for /sign/* and /apply/*.
export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, "index.html"),
        sign: resolve(import.meta.dirname, "sign.html"),
        apply: resolve(import.meta.dirname, "apply.html"),
        my: resolve(import.meta.dirname, "my.html"),
      },
    },
  },
  server: {
    proxy: { "/api": { target: "http://localhost:3000", changeOrigin: false } },
  },
});
