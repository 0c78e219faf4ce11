import { describe, expect, it } from "vitest";
import type { Block } from "../../bindings/Block";
import { fromDoc, toDoc } from "./convert";

const t = (text: string) => ({ type: "text" as const, text });

// One of every block kind of the core's model, with nested marks, a hard break and an inline image.
const everyKind: Block[] = [
  { type: "heading", level: 2, content: [t("تمركُز مفاجئ")] },
  {
    type: "paragraph",
    content: [
      t("من نحو 2,000 جندي إلى 1,400 "),
      { type: "strong", content: [t("عريض "), { type: "emphasis", content: [t("ومائل")] }] },
      t(" و"),
      { type: "link", url: "https://infoplus.iq/a", title: "عنوان", content: [t("رابط "), { type: "strong", content: [t("قوي")] }] },
      { type: "line_break" },
      t("سطر ثان "),
      { type: "code", code: "x < y" },
      { type: "image", src: "images/a.jpg", alt: "صورة", title: "" },
    ],
  },
  { type: "heading", level: 3, content: [t("فرعي")] },
  { type: "list", start: null, items: [[{ type: "paragraph", content: [t("بند")] }], [{ type: "paragraph", content: [t("آخر")] }, { type: "list", start: 3, items: [[{ type: "paragraph", content: [t("متداخل")] }]] }]] },
  { type: "quote", blocks: [{ type: "paragraph", content: [t("اقتباس عادي")] }] },
  { type: "pull_quote", content: [t("أميركا تمارس ضغوطًا")], attribution: "مصدر سياسي عراقي" },
  { type: "pull_quote", content: [t("بلا نسبة")], attribution: null },
  { type: "related", links: [{ title: "مرشح رئاسي", url: "https://example.org/1" }, { title: "خبر آخر", url: "/rel" }] },
  { type: "image", src: "images/hero.jpg", alt: "قاعدة", caption: "تعليق", credit: "رويترز" },
  { type: "code", info: "rust", text: "fn main() {}\n" },
  { type: "rule" },
];

describe("model ↔ editor document", () => {
  it("round-trips every block kind", () => {
    expect(fromDoc(toDoc(everyKind))).toEqual(everyKind);
  });

  it("each block kind alone survives the trip", () => {
    for (const block of everyKind) {
      expect(fromDoc(toDoc([block]))).toEqual([block]);
    }
  });

  it("an empty body becomes one empty paragraph and back to nothing", () => {
    const doc = toDoc([]);
    expect(doc.childCount).toBe(1);
    expect(fromDoc(doc)).toEqual([]);
  });
});
