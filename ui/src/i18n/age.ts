// How long ago something happened, the way a desk says it ("3 hours", «منذ 3 ساعات»).
import type { Language } from "./index";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function ageLabel(ms: number, lang: Language): string {
  // Western digits in Arabic too, as the publication writes its dates («20 نيسان 2025»).
  const format = new Intl.RelativeTimeFormat(lang === "ar" ? "ar-u-nu-latn" : "en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (ms >= size) return format.format(-Math.floor(ms / size), unit);
  }
  return format.format(0, "minute");
}
