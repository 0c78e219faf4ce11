// @vitest-environment jsdom
// Suggesting mode in a real ProseMirror editor: typing, deleting and typing over words never
// change the document; they make one pending suggestion while the user stays at its place, and
// hand it over when an edit starts elsewhere. Its anchor is the one the core reads.
import { beforeAll, describe, expect, it } from "vitest";
import { TextSelection } from "prosemirror-state";
import { createBodyEditor, type BodyEditor } from "./editor";
import { pendingOf, suggestionAnchor, locatePointInDoc, type Pending, type Refused } from "./suggesting";
import { fieldSuggestion } from "../suggest/field-suggestion";

beforeAll(() => {
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
  document.elementFromPoint ??= () => null;
});

const TEXT = "قال الوزير إن العجز سينخفض.";

function setup() {
  const handed: Pending[] = [];
  const refused: Refused[] = [];
  let changes = 0;
  const editor: BodyEditor = createBodyEditor(document.createElement("div"), {
    label: "النص",
    relatedUrlPlaceholder: "",
    relatedUrlLabel: "",
    imageText: () => ({ alt: "", caption: "", credit: "" }),
    resolveImage: async () => null,
    onChange: () => void changes++,
    onSelectionChange: () => {},
    spelling: { check: async () => null, suggest: async () => [], noSuggestions: () => "" },
    onCommentClick: () => {},
    onSuggestionClick: () => {},
    onSuggest: (p) => void handed.push(p),
    onPendingChange: () => {},
    onSuggestRefused: (why) => void refused.push(why),
  });
  editor.setBody([
    { type: "paragraph", content: [{ type: "text", text: TEXT }] },
    { type: "paragraph", content: [{ type: "text", text: "فقرة ثانية." }] },
  ]);
  editor.setSuggesting(true);
  const view = editor.view;
  const at = (words: string) => 1 + TEXT.indexOf(words);
  const type = (text: string) => view.dispatch(view.state.tr.insertText(text));
  const caret = (pos: number) => view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
  const backspace = () => {
    const { from } = view.state.selection;
    view.dispatch(view.state.tr.delete(from - 1, from));
  };
  return { editor, view, handed, refused, at, type, caret, backspace, changes: () => changes };
}

describe("suggesting mode", () => {
  it("keeps the text as it is and gathers typing at one place into one pending suggestion", () => {
    const { editor, view, handed, at, type, caret, backspace, changes } = setup();
    const before = view.state.doc.toJSON();
    const end = at("سينخفض") + "سينخفض".length;
    caret(end);
    type(" ج");
    type("د");
    type("ًا");
    backspace();
    expect(view.state.doc.toJSON()).toEqual(before);
    expect(changes()).toBe(0);
    // Backspace took the last mark typed (the alef after the tanween), not a letter of the text.
    expect(pendingOf(view.state)).toEqual({ from: end, to: end, inserted: " جدً" });
    // The inserted words are drawn, not written.
    expect(view.dom.querySelector("ins.suggestion-inserted.pending")?.textContent).toBe(" جدً");
    expect(view.state.doc.textContent).toContain(TEXT);
    // An edit elsewhere hands the first over and starts another.
    caret(at("الوزير"));
    expect(handed).toEqual([{ from: end, to: end, inserted: " جدً" }]);
    expect(editor.takePending()).toBeNull();
  });

  it("strikes words deleted backwards and typed over, without deleting them", () => {
    const { view, at, type, caret, backspace } = setup();
    const word = at("العجز");
    caret(word + "العجز".length);
    for (let i = 0; i < "العجز".length; i++) backspace();
    expect(pendingOf(view.state)).toEqual({ from: word, to: word + "العجز".length, inserted: "" });
    expect(view.dom.querySelector(".suggestion-deleted.pending")?.textContent).toBe("العجز");
    const { editor } = setup();
    const from = 1 + TEXT.indexOf("سينخفض");
    editor.view.dispatch(editor.view.state.tr.setSelection(TextSelection.create(editor.view.state.doc, from, from + "سينخفض".length)));
    editor.view.dispatch(editor.view.state.tr.insertText("سيتراجع"));
    expect(editor.takePending()).toEqual({ from, to: from + "سينخفض".length, inserted: "سيتراجع" });
    expect(editor.view.state.doc.textContent).toContain("سينخفض");
    void type;
  });

  it("refuses an edit across paragraphs and leaves the text whole", () => {
    const { view, refused } = setup();
    const before = view.state.doc.toJSON();
    view.dispatch(view.state.tr.delete(TEXT.length - 2, TEXT.length + 5));
    expect(refused).toEqual(["paragraphs"]);
    expect(view.state.doc.toJSON()).toEqual(before);
  });

  it("anchors a change as the core reads the body, an insertion by its context", () => {
    const { view, at } = setup();
    const word = at("العجز");
    const anchor = suggestionAnchor(view.state.doc, word, word + "العجز".length, 3)!;
    expect(anchor).toMatchObject({ field: "body", revision: 3, exact: "العجز", start: TEXT.indexOf("العجز") });
    const point = suggestionAnchor(view.state.doc, word, word, 3)!;
    expect(point.exact).toBe("");
    expect(point.prefix.endsWith("إن ")).toBe(true);
    expect(locatePointInDoc(view.state.doc, point)).toBe(word);
  });

  it("turns a changed title into the smallest replaced range", () => {
    expect(fieldSuggestion("title", "البرلمان يناقش الميزانية", "البرلمان يناقش الموازنة", 2)).toEqual({
      anchor: { field: "title", revision: 2, start: 15, end: 24, exact: "الميزانية", prefix: "البرلمان يناقش ", suffix: "" },
      replacement: "الموازنة",
    });
    expect(fieldSuggestion("kicker", "عاجل", "عاجل", 1)).toBeNull();
  });
});
