// Entry point: bundled fonts and styles first (no system fonts, no network), then the window.
import "@fontsource/amiri/400.css";
import "@fontsource/amiri/700.css";
import "@fontsource/noto-sans-arabic/400.css";
import "@fontsource/noto-sans-arabic/600.css";
import "./styles/app.css";
import "./styles/editor.css";
import "./styles/preview.css";
import "./styles/review.css";

import { mount } from "svelte";
import App from "./lib/app/App.svelte";
import { tauriBackend } from "./lib/backend/tauri";
import { SettingsStore } from "./lib/settings/settings.svelte";
import { loadStrings } from "./i18n";

const target = document.getElementById("app");
if (target) {
  const settings = new SettingsStore();
  const backend = tauriBackend();
  // The shell answers in the interface language it holds: it learns the page's first. The
  // language's strings are here before the window is drawn in it.
  void Promise.allSettled([backend.rememberInterfaceLanguage(settings.lang), loadStrings(settings.lang)]).then(() =>
    mount(App, { target, props: { settings, backend } }),
  );
}
