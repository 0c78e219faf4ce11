// The webview's checker for the short fields: asked for once per language, on focus, and not at
// all where the shell switched it on with the article.
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { FieldSpelling } from "./field-spelling";

describe("the short fields' spell checking", () => {
  it("is switched on at the first focus, once per language", async () => {
    const backend = new MemoryBackend();
    const fields = new FieldSpelling(backend);
    const asked = () => backend.calls.filter((c) => c.startsWith("useWebviewSpelling"));
    expect(asked()).toEqual([]);
    await fields.focused("ar");
    await fields.focused("ar");
    expect(asked()).toEqual(["useWebviewSpelling ar"]);
    await fields.focused("en");
    expect(asked()).toEqual(["useWebviewSpelling ar", "useWebviewSpelling en"]);
    fields.onForBody("fr");
    await fields.focused("fr");
    expect(asked()).toHaveLength(2);
  });
});
