import { EditorState, TextSelection, type Command } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import type { Block } from "../../bindings/Block";
import { enterInSpecialBlocks, insertPullQuote, insertRelated, setDirection, setLink, toggleBulletList, toggleHeading } from "./commands";
import { fromDoc, toDoc } from "./convert";

const t = (text: string) => ({ type: "text" as const, text });

/** An editor state with the caret `offset` characters into top-level block `index`. */
function stateAt(blocks: Block[], index = 0, offset = 0): EditorState {
  const doc = toDoc(blocks);
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return EditorState.create({ doc, selection: TextSelection.create(doc, pos + 1 + offset) });
}

function run(state: EditorState, ...commands: Command[]): EditorState {
  for (const command of commands) {
    let next = state;
    expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
    state = next;
  }
  return state;
}

function type(state: EditorState, text: string): EditorState {
  return state.apply(state.tr.insertText(text));
}

describe("editing commands", () => {
  it("turns a paragraph into a heading and back", () => {
    const para: Block[] = [{ type: "paragraph", content: [t("تمركز مفاجئ")] }];
    const h = run(stateAt(para), toggleHeading(2));
    expect(fromDoc(h.doc)).toEqual([{ type: "heading", level: 2, content: [t("تمركز مفاجئ")] }]);
    expect(fromDoc(run(h, toggleHeading(2)).doc)).toEqual(para);
  });

  it("makes the current paragraph a pull-quote and takes its attribution after Enter-free typing", () => {
    let s = run(stateAt([{ type: "paragraph", content: [t("أميركا تمارس ضغوطًا")] }], 0, 3), insertPullQuote);
    s = type(s, "مصدر سياسي عراقي");
    expect(fromDoc(s.doc)).toEqual([{ type: "pull_quote", content: [t("أميركا تمارس ضغوطًا")], attribution: "مصدر سياسي عراقي" }]);
    // Enter on the attribution line leaves the pull-quote for a new paragraph.
    s = type(run(s, enterInSpecialBlocks), "بعده");
    expect(fromDoc(s.doc)[1]).toEqual({ type: "paragraph", content: [t("بعده")] });
  });

  it("inserts an empty pull-quote after a heading; Enter moves from its text to the attribution", () => {
    let s = run(stateAt([{ type: "heading", level: 2, content: [t("عنوان")] }]), insertPullQuote);
    s = type(s, "نص الاقتباس");
    s = type(run(s, enterInSpecialBlocks), "قائل");
    expect(fromDoc(s.doc)).toEqual([
      { type: "heading", level: 2, content: [t("عنوان")] },
      { type: "pull_quote", content: [t("نص الاقتباس")], attribution: "قائل" },
    ]);
  });

  it("builds a related block entry by entry and leaves it on an empty Enter", () => {
    let s = run(stateAt([{ type: "paragraph", content: [t("فقرة")] }]), insertRelated);
    s = type(s, "خبر أول");
    s = type(run(s, enterInSpecialBlocks), "خبر ثان");
    s = type(run(s, enterInSpecialBlocks, enterInSpecialBlocks), "فقرة بعدها");
    expect(fromDoc(s.doc)).toEqual([
      { type: "paragraph", content: [t("فقرة")] },
      { type: "related", links: [{ title: "خبر أول", url: "" }, { title: "خبر ثان", url: "" }] },
      { type: "paragraph", content: [t("فقرة بعدها")] },
    ]);
  });

  it("wraps in a bullet list and links a selection", () => {
    let s = run(stateAt([{ type: "paragraph", content: [t("بند")] }]), toggleBulletList);
    expect(fromDoc(s.doc)).toEqual([{ type: "list", start: null, items: [[{ type: "paragraph", content: [t("بند")] }]] }]);
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 3, 6)));
    s = run(s, setLink("https://infoplus.iq"));
    expect(fromDoc(s.doc)).toEqual([
      { type: "list", start: null, items: [[{ type: "paragraph", content: [{ type: "link", url: "https://infoplus.iq", title: "", content: [t("بند")] }] }]] },
    ]);
  });
});

describe("direction override", () => {
  it("puts a direction mark at the start of the block and takes it away again", () => {
    const mixed: Block[] = [{ type: "paragraph", content: [t("Pentagon قال إن القوات")] }];
    let s = run(stateAt(mixed, 0, 4), setDirection("rtl"));
    expect(fromDoc(s.doc)).toEqual([{ type: "paragraph", content: [t("\u200FPentagon قال إن القوات")] }]);
    s = run(s, setDirection("ltr"));
    expect(fromDoc(s.doc)).toEqual([{ type: "paragraph", content: [t("\u200EPentagon قال إن القوات")] }]);
    expect(fromDoc(run(s, setDirection("auto")).doc)).toEqual(mixed);
  });
});
