import { EditorState } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import type { Block } from "../../bindings/Block";
import { toDoc } from "./convert";
import { spelling, spellingKey, textblocks, type SpellingService } from "./spelling";

const t = (text: string) => ({ type: "text" as const, text });
const service: SpellingService = { check: async () => null, suggest: async () => [], noSuggestions: () => "" };

function misspelledWords(state: EditorState): string[] {
  const decorations = spellingKey.getState(state)!.decorations.find();
  return decorations.map((d) => state.doc.textBetween(d.from, d.to));
}

/** The offsets of `word` in `text`, as the Rust side returns them (UTF-16). */
function range(text: string, word: string): [number, number] {
  const start = text.indexOf(word);
  return [start, start + word.length];
}

describe("spell checking decorations", () => {
  const blocks: Block[] = [
    { type: "paragraph", content: [t("كشفت مصادر "), { type: "strong", content: [t("خطاءكبير")] }, t(" في الأنبار")] },
    { type: "heading", level: 2, content: [t("عنوان Pentagonn")] },
  ];

  it("reads each paragraph's text with the position of every character", () => {
    const doc = toDoc(blocks);
    const texts = textblocks(doc, null);
    expect(texts.map((b) => b.text)).toEqual(["كشفت مصادر خطاءكبير في الأنبار", "عنوان Pentagonn"]);
    const [a, b] = range(texts[0].text, "خطاءكبير");
    expect(doc.textBetween(texts[0].positions[a], texts[0].positions[b - 1] + 1)).toBe("خطاءكبير");
    // Only the paragraph an edit touched is read again.
    expect(textblocks(doc, [[texts[1].from + 2, texts[1].from + 3]]).map((x) => x.text)).toEqual(["عنوان Pentagonn"]);
  });

  it("underlines what the checker found, also after edits made while it was checking", () => {
    let state = EditorState.create({ doc: toDoc(blocks), plugins: [spelling(service)] });
    const sent = textblocks(state.doc, null);
    state = state.apply(state.tr.setMeta(spellingKey, { type: "taken" }));
    // The journalist types at the start while the check is away.
    state = state.apply(state.tr.insertText("عاجل: ", 1));
    const results = [[range(sent[0].text, "خطاءكبير")], [range(sent[1].text, "Pentagonn")]];
    state = state.apply(state.tr.setMeta(spellingKey, { type: "checked", blocks: sent, results }));
    expect(misspelledWords(state)).toEqual(["خطاءكبير", "Pentagonn"]);

    // A new answer for a paragraph replaces that paragraph's underlines only.
    const again = textblocks(state.doc, null);
    state = state.apply(state.tr.setMeta(spellingKey, { type: "taken" }));
    state = state.apply(state.tr.setMeta(spellingKey, { type: "checked", blocks: [again[0]], results: [[]] }));
    expect(misspelledWords(state)).toEqual(["Pentagonn"]);
  });

  it("leaves code out of the texts it sends", () => {
    const doc = toDoc([
      { type: "paragraph", content: [t("نص "), { type: "code", code: "ls -la" }, t(" آخر")] },
      { type: "code", info: "", text: "fn main() {}\n" },
    ]);
    expect(textblocks(doc, null).map((b) => b.text)).toEqual(["نص \uFFFC\uFFFC\uFFFC\uFFFC\uFFFC\uFFFC آخر"]);
  });

  it("marks what an edit touched for the next check", () => {
    let state = EditorState.create({ doc: toDoc(blocks), plugins: [spelling(service)] });
    state = state.apply(state.tr.setMeta(spellingKey, { type: "taken" }));
    expect(spellingKey.getState(state)!.dirty).toEqual([]);
    state = state.apply(state.tr.insertText("x", 3));
    const dirty = spellingKey.getState(state)!.dirty!;
    expect(textblocks(state.doc, dirty).map((b) => b.text)).toEqual(["كشxفت مصادر خطاءكبير في الأنبار"]);
  });
});
