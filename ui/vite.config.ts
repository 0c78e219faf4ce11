import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

// The Tauri window loads ui/dist in release builds and this dev server in `tauri dev`.
// Svelte components are compiled ahead of time (no eval, their CSS emitted as files), so the
// window's strict CSP holds. Under Vitest, Svelte resolves to its browser build for Testing Library.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true },
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
}));
