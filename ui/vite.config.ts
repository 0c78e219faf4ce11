import { defineConfig } from "vite";

// The Tauri window loads ui/dist in release builds and this dev server in `tauri dev`.
export default defineConfig({
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true },
});
