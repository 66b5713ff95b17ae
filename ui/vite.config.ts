// Vite build of the UI. The Tauri shell serves `dist/` (see
// src-tauri/tauri.conf.json); `npm run dev` serves it on a fixed port for
// `cargo run` dev builds, which load build.devUrl.
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  // The unit tests mount components in jsdom: Svelte's browser build, not its server one.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  clearScreen: false,
  // The fonts in ../assets/fonts are the PDF's own (see src/styles/fonts.css).
  server: { port: 5173, strictPort: true, fs: { allow: [".", "../assets/fonts"] } },
  build: {
    target: "safari15",
    sourcemap: false,
    // No inline scripts or data: modules: the CSP allows only 'self'.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
}));
