// Where a house-style finding's words are: the first place `found` stands as whole words (no
// letter, mark or digit joined to it on either side), so «ترامب» is never found inside
// «ترامبولين». The checker reports the words exactly as written, joined prefixes and all.

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The UTF-16 range of the first whole-word `found` in `text`, or null. */
export function findWord(text: string, found: string): { from: number; to: number } | null {
  if (!found) return null;
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escaped(found)}(?![\\p{L}\\p{M}\\p{N}])`, "u");
  const match = pattern.exec(text);
  return match ? { from: match.index, to: match.index + found.length } : null;
}

/** `text` with its first whole-word `found` made `replacement`, or null when it is not there. */
export function replaceWord(text: string, found: string, replacement: string): string | null {
  const at = findWord(text, found);
  return at ? text.slice(0, at.from) + replacement + text.slice(at.to) : null;
}
