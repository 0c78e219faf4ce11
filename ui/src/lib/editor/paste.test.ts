// @vitest-environment jsdom
// Paste keeps structure and direction and drops foreign styles and anything unsafe: the schema's
// parse rules are the only door from clipboard HTML into the document.
import { DOMParser as PMDOMParser } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { fromDoc } from "./convert";
import { schema } from "./schema";

function paste(html: string) {
  const dom = new window.DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  return fromDoc(PMDOMParser.fromSchema(schema).parse(dom));
}

describe("pasting", () => {
  it("keeps Word's paragraphs, bold and italic but not its styles", () => {
    const blocks = paste(
      `<p class=MsoNormal dir=RTL style='mso-line-height-alt:12pt;font-family:"Simplified Arabic"'><b><span lang=AR-IQ>عاجل:</span></b><span lang=AR-IQ> قوات <i>أميركية</i> تغادر</span></p>`,
    );
    expect(blocks).toEqual([
      {
        type: "paragraph",
        content: [{ type: "strong", content: [{ type: "text", text: "عاجل:" }] }, { type: "text", text: " قوات " }, { type: "emphasis", content: [{ type: "text", text: "أميركية" }] }, { type: "text", text: " تغادر" }],
      },
    ]);
  });

  it("does not make all of a Google Docs paste bold", () => {
    const blocks = paste(
      `<b style="font-weight:normal;" id="docs-internal-guid-1"><h2 dir="rtl"><span style="font-size:16pt">تمركز مفاجئ</span></h2><p dir="rtl"><span style="font-weight:700">مهم</span><span> نص</span></p></b>`,
    );
    expect(blocks).toEqual([
      { type: "heading", level: 2, content: [{ type: "text", text: "تمركز مفاجئ" }] },
      { type: "paragraph", content: [{ type: "strong", content: [{ type: "text", text: "مهم" }] }, { type: "text", text: " نص" }] },
    ]);
  });

  it("drops scripts, handlers, frames and foreign elements, keeping the words", () => {
    const blocks = paste(
      `<p onclick="alert(1)">أول<script>alert(1)</script></p><iframe src="https://x"></iframe><p><a href="https://infoplus.iq/a" onmouseover="x()">رابط</a> <img src=x onerror=alert(1)></p><h1>عنوان كبير</h1><ul><li>بند</li></ul>`,
    );
    expect(blocks).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "أول" }] },
      { type: "paragraph", content: [{ type: "link", url: "https://infoplus.iq/a", title: "", content: [{ type: "text", text: "رابط" }] }] },
      { type: "heading", level: 2, content: [{ type: "text", text: "عنوان كبير" }] },
      { type: "list", start: null, items: [[{ type: "paragraph", content: [{ type: "text", text: "بند" }] }]] },
    ]);
  });
});
