// The webview's own spell checker, for the form's short fields (title, standfirst…), is switched
// on when one of them is first focused, in the article's language — not when the article opens:
// its dictionaries cost about 20 MiB, which a session spent in the body never needs. Where Qalam
// has no dictionary for the language, the shell switched it on for the body already.
import type { Backend } from "../backend/backend";

export class FieldSpelling {
  /** The language the webview's checker is on in, if it is on. */
  #on: string | null = null;

  constructor(private readonly backend: Backend) {}

  /** The shell switched it on with the article (no dictionary of Qalam's for `language`). */
  onForBody(language: string): void {
    this.#on = language;
  }

  /** A short field of an article in `language` got focus. */
  async focused(language: string): Promise<void> {
    if (this.#on === language) return;
    this.#on = language;
    const result = await this.backend.useWebviewSpelling(language);
    if (!result.ok) this.#on = null;
  }
}
