// Invisible C0 control characters (all but tab and newline) mean nothing in an article and the
// core refuses them; text pasted from other programs sometimes carries them (Word's vertical tab
// for a manual line break, a stray NUL). Pasting removes them, a vertical tab or form feed
// becoming a space so the words on either side stay apart.
const SPACING = /[\u000B\u000C]/g;
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\r]/g;

export function withoutControlChars(text: string): string {
  return text.replace(SPACING, " ").replace(INVISIBLE, "");
}
