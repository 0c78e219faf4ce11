// All user-facing strings come from one table per language; Arabic is the default.
import { ar } from "./ar";
import { en } from "./en";

export type Strings = typeof ar;

export function stringsFor(lang: "ar" | "en"): Strings {
  return lang === "en" ? en : ar;
}
