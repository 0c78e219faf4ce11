// Entry point: bundled fonts and styles first (no system fonts, no network), then the drafts view.
import "@fontsource/noto-naskh-arabic/400.css";
import "@fontsource/noto-naskh-arabic/700.css";
import "@fontsource/noto-sans-arabic/400.css";
import "@fontsource/noto-sans-arabic/600.css";
import "./styles/app.css";

import { mountDraftsView } from "./drafts/drafts-view";
import { strings } from "./i18n";

const root = document.getElementById("app");
if (root) {
  document.title = strings.appName;
  void mountDraftsView(root);
}
