// The user's settings, kept in the webview's local storage: interface language, body text size,
// and the publication's sections (the category list).
import type { Language } from "../../i18n";

export interface Settings {
  lang: Language;
  fontSize: number;
  sections: string[];
}

const KEY = "qalam.settings";
export const DEFAULT_SECTIONS = ["سياسة", "أمن", "اقتصاد", "رياضة", "صحة", "محليات", "دوليات", "منوعات"];
export const FONT_SIZES = [16, 18, 20, 22, 24];

export function loadSettings(): Settings {
  const fallback: Settings = { lang: "ar", fontSize: 20, sections: DEFAULT_SECTIONS };
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Settings>;
    return {
      lang: raw.lang === "en" ? "en" : "ar",
      fontSize: FONT_SIZES.includes(raw.fontSize ?? 0) ? raw.fontSize! : fallback.fontSize,
      sections: Array.isArray(raw.sections) && raw.sections.every((s) => typeof s === "string") && raw.sections.length ? raw.sections : fallback.sections,
    };
  } catch {
    return fallback;
  }
}

export function saveSettings(settings: Settings): void {
  localStorage.setItem(KEY, JSON.stringify(settings));
}
