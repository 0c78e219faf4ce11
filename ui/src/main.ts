// Entry point: bundled fonts and styles first (no system fonts, no network), then the app.
import "@fontsource/amiri/400.css";
import "@fontsource/amiri/700.css";
import "@fontsource/noto-sans-arabic/400.css";
import "@fontsource/noto-sans-arabic/600.css";
import "./styles/app.css";
import "./styles/editor.css";
import "./styles/preview.css";

import { mountApp } from "./app/app";

const root = document.getElementById("app");
if (root) mountApp(root);
