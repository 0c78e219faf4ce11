import { describe, expect, it } from "vitest";
import { EditorState } from "prosemirror-state";
import type { Block } from "../../bindings/Block";
import { anchorOf, commentHighlights, currentHighlights, docText, locateInDoc, setHighlights } from "./comment-highlights";
import { toDoc } from "./convert";

const t = (text: string) => ({ type: "text" as const, text });
const body: Block[] = [
  { type: "paragraph", content: [t("قال الوزير إن الميزانية ستُعرض غدًا، "), { type: "strong", content: [t("وقال النائب")] }, t(" إن الميزانية ناقصة.")] },
  { type: "heading", level: 2, content: [t("ردود الفعل")] },
];

/** The document range of the `n`th occurrence of `words`. */
function rangeOf(doc: ReturnType<typeof toDoc>, words: string, n = 0): { from: number; to: number } {
  const { text, positions } = docText(doc);
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(words, at + 1);
  return { from: positions[at], to: positions[at + words.length - 1] + 1 };
}

describe("comment anchors in the body", () => {
  it("reads the body as the core does: one line per block, marks ignored", () => {
    expect(docText(toDoc(body)).text).toBe("قال الوزير إن الميزانية ستُعرض غدًا، وقال النائب إن الميزانية ناقصة.\nردود الفعل\n");
  });

  it("anchors a selection with its context and finds it again after edits around it", () => {
    const doc = toDoc(body);
    const second = rangeOf(doc, "الميزانية", 1);
    const anchor = anchorOf(doc, second.from, second.to, 3)!;
    expect(anchor.exact).toBe("الميزانية");
    expect(anchor.prefix.endsWith("وقال النائب إن ")).toBe(true);
    expect(locateInDoc(doc, anchor)).toEqual(second);

    // Text inserted before both occurrences: the second one, by its context, not the first.
    const edited = toDoc([{ type: "paragraph", content: [t("عاجل: قال الوزير إن الميزانية ستُعرض غدًا، وقال النائب إن الميزانية ناقصة.")] }]);
    const found = locateInDoc(edited, anchor)!;
    expect(found).toEqual(rangeOf(edited, "الميزانية", 1));
  });

  it("loses words that were deleted, and refuses an empty selection", () => {
    const doc = toDoc(body);
    const range = rangeOf(doc, "ناقصة");
    const anchor = anchorOf(doc, range.from, range.to, 1)!;
    expect(locateInDoc(toDoc([{ type: "paragraph", content: [t("قال الوزير كلامًا آخر.")] }]), anchor)).toBeNull();
    expect(anchorOf(doc, range.from, range.from, 1)).toBeNull();
  });

  it("keeps highlights on their words while the text before them changes", () => {
    const doc = toDoc(body);
    let state = EditorState.create({ doc, plugins: [commentHighlights(() => {})] });
    const range = rangeOf(doc, "ناقصة");
    state = state.apply(setHighlights(state, [{ id: "c1", ...range, resolved: false }], null));
    state = state.apply(state.tr.insertText("عاجل: ", 1));
    const [moved] = currentHighlights(state);
    expect(moved.id).toBe("c1");
    expect(state.doc.textBetween(moved.from, moved.to)).toBe("ناقصة");
  });
});
