// All user-facing strings come from one table per language; Arabic is the default.
import { ar } from "./ar";

export type Strings = typeof ar;
export type Language = "ar" | "en";

// Only the default language is in the first screen's JavaScript: another table is fetched when it
// is first chosen (at start, from the settings, or in the settings dialog) and kept.
const loaded: Partial<Record<Language, Strings>> = { ar };

/** The table for `lang`, once `loadStrings(lang)` has brought it (Arabic until then). */
export function stringsFor(lang: Language): Strings {
  return loaded[lang] ?? ar;
}

/** Brings the table for `lang` in, if it is not here yet. */
export async function loadStrings(lang: Language): Promise<void> {
  if (loaded[lang]) return;
  if (lang === "en") loaded.en = (await import("./en")).en;
}
