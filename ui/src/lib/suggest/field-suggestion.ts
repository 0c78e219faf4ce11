// A suggestion on the title, kicker or standfirst: what changed between the words the field had
// and the words typed, as the smallest replaced range (in characters, as the core counts them).
import type { Anchor } from "../../bindings/Anchor";

export type SuggestedField = "title" | "kicker" | "standfirst";

const CONTEXT = 32;

/** The anchor and the replacement turning `before` into `after`; null when they are the same. */
export function fieldSuggestion(
  field: SuggestedField,
  before: string,
  after: string,
  revision: number,
): { anchor: Anchor; replacement: string } | null {
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let tail = 0;
  while (tail < a.length - start && tail < b.length - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  let end = a.length - tail;
  // Whole words: «الموازنة» for «الميزانية», not «وازن» for «يزاني». The letters taken in are
  // the same on both sides (they were common to both).
  while (start > 0 && !/\s/.test(a[start - 1])) start--;
  while (end < a.length && !/\s/.test(a[end])) end++;
  const kept = a.length - end;
  const replacement = b.slice(start, b.length - kept).join("");
  const exact = a.slice(start, end).join("");
  if (exact === replacement) return null;
  return {
    anchor: {
      field,
      revision,
      start,
      end,
      exact,
      prefix: a.slice(Math.max(0, start - CONTEXT), start).join(""),
      suffix: a.slice(end, end + CONTEXT).join(""),
    },
    replacement,
  };
}
