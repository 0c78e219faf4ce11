// The editor's document schema: one node per block kind of the article model (src-tauri/core
// article/model.rs), so that conversion in both directions is a plain tree walk (convert.ts).
// Every textual block carries a `dir` attribute: null means "from its own text" (dir="auto").
import { Schema, type NodeSpec, type MarkSpec, type Attrs } from "prosemirror-model";

const dirAttr = { dir: { default: null as string | null } };

function dirOf(attrs: Attrs): string {
  return (attrs.dir as string | null) ?? "auto";
}

function readDir(dom: HTMLElement): { dir: string | null } {
  const dir = dom.getAttribute("dir");
  return { dir: dir === "rtl" || dir === "ltr" ? dir : null };
}

const nodes: Record<string, NodeSpec> = {
  doc: { content: "block+" },
  paragraph: {
    group: "block",
    content: "inline*",
    attrs: dirAttr,
    parseDOM: [{ tag: "p", getAttrs: (dom) => readDir(dom as HTMLElement) }],
    toDOM: (node) => ["p", { dir: dirOf(node.attrs) }, 0],
  },
  heading: {
    group: "block",
    content: "inline*",
    defining: true,
    attrs: { level: { default: 2 }, ...dirAttr },
    parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({
      tag: `h${level}`,
      getAttrs: (dom: HTMLElement) => ({ level: Math.max(2, Math.min(3, level)), ...readDir(dom) }),
    })),
    toDOM: (node) => [`h${node.attrs.level}`, { dir: dirOf(node.attrs) }, 0],
  },
  bullet_list: {
    group: "block",
    content: "list_item+",
    parseDOM: [{ tag: "ul" }],
    toDOM: () => ["ul", 0],
  },
  ordered_list: {
    group: "block",
    content: "list_item+",
    attrs: { start: { default: 1 } },
    parseDOM: [{ tag: "ol", getAttrs: (dom) => ({ start: Number((dom as HTMLElement).getAttribute("start") ?? 1) || 1 }) }],
    toDOM: (node) => ["ol", node.attrs.start === 1 ? {} : { start: node.attrs.start }, 0],
  },
  list_item: {
    content: "block+",
    defining: true,
    attrs: dirAttr,
    parseDOM: [{ tag: "li", getAttrs: (dom) => readDir(dom as HTMLElement) }],
    toDOM: (node) => ["li", { dir: dirOf(node.attrs) }, 0],
  },
  blockquote: {
    group: "block",
    content: "block+",
    defining: true,
    parseDOM: [{ tag: "blockquote" }],
    toDOM: () => ["blockquote", { dir: "auto" }, 0],
  },
  // A pull-quote: its text, then an optional attribution line.
  pull_quote: {
    group: "block",
    content: "pull_quote_text pull_quote_attribution?",
    defining: true,
    isolating: true,
    parseDOM: [{ tag: "figure.pullquote" }],
    toDOM: () => ["figure", { class: "pullquote", "data-kind": "pull-quote" }, 0],
  },
  pull_quote_text: {
    content: "inline*",
    attrs: dirAttr,
    parseDOM: [{ tag: "blockquote.pullquote-text" }],
    toDOM: (node) => ["blockquote", { class: "pullquote-text", dir: dirOf(node.attrs) }, 0],
  },
  pull_quote_attribution: {
    content: "text*",
    marks: "",
    parseDOM: [{ tag: "figcaption" }],
    toDOM: () => ["figcaption", { dir: "auto" }, 0],
  },
  // An inline "read also" block: a list of links, each a title with its URL.
  related_block: {
    group: "block",
    content: "related_item*",
    isolating: true,
    parseDOM: [{ tag: "aside.related-inline" }],
    toDOM: () => ["aside", { class: "related-inline", "data-kind": "related" }, ["ul", 0]],
  },
  related_item: {
    content: "text*",
    marks: "",
    attrs: { url: { default: "" } },
    parseDOM: [{ tag: "li[data-url]", getAttrs: (dom) => ({ url: (dom as HTMLElement).getAttribute("data-url") ?? "" }) }],
    toDOM: (node) => ["li", { "data-url": node.attrs.url, dir: "auto" }, 0],
  },
  figure_image: {
    group: "block",
    atom: true,
    attrs: { src: { default: "" }, alt: { default: "" }, caption: { default: "" }, credit: { default: "" } },
    parseDOM: [],
    // The editor shows what the image says, not the image: local paths are resolved at export.
    toDOM: (node) => [
      "figure",
      { class: "image-block", "data-src": node.attrs.src },
      ["span", { class: "image-alt", dir: "auto" }, node.attrs.alt || node.attrs.src],
      ["figcaption", { dir: "auto" }, node.attrs.caption],
    ],
  },
  code_block: {
    group: "block",
    content: "text*",
    marks: "",
    code: true,
    defining: true,
    attrs: { info: { default: "" } },
    parseDOM: [{ tag: "pre", preserveWhitespace: "full" }],
    toDOM: () => ["pre", { dir: "ltr" }, ["code", 0]],
  },
  horizontal_rule: {
    group: "block",
    parseDOM: [{ tag: "hr" }],
    toDOM: () => ["hr"],
  },
  text: { group: "inline" },
  inline_image: {
    group: "inline",
    inline: true,
    atom: true,
    attrs: { src: { default: "" }, alt: { default: "" }, title: { default: "" } },
    parseDOM: [],
    toDOM: (node) => ["span", { class: "inline-image" }, `[${node.attrs.alt || node.attrs.src}]`],
  },
  hard_break: {
    group: "inline",
    inline: true,
    selectable: false,
    parseDOM: [{ tag: "br" }],
    toDOM: () => ["br"],
  },
};

const marks: Record<string, MarkSpec> = {
  // Links first: a link holds emphasis, never the other way round in the Markdown it becomes.
  link: {
    attrs: { href: { default: "" }, title: { default: "" } },
    inclusive: false,
    parseDOM: [{ tag: "a[href]", getAttrs: (dom) => ({ href: (dom as HTMLElement).getAttribute("href") ?? "", title: (dom as HTMLElement).getAttribute("title") ?? "" }) }],
    // Links in the editor never navigate: no href attribute reaches the DOM.
    toDOM: (mark) => ["span", { class: "link", "data-href": mark.attrs.href, title: mark.attrs.href }, 0],
  },
  // Pasted HTML from Word, Google Docs and web pages says "bold" and "italic" in several ways;
  // Google Docs wraps whole documents in <b style="font-weight:normal">, which is not bold.
  strong: {
    parseDOM: [
      { tag: "strong" },
      { tag: "b", getAttrs: (dom) => ((dom as HTMLElement).style.fontWeight === "normal" ? false : null) },
      { style: "font-weight", getAttrs: (value) => (/^(bold(er)?|[6-9]\d\d)$/.test(value) ? null : false) },
    ],
    toDOM: () => ["strong", 0],
  },
  em: {
    parseDOM: [{ tag: "em" }, { tag: "i" }, { style: "font-style=italic" }],
    toDOM: () => ["em", 0],
  },
  code: {
    code: true,
    excludes: "_",
    parseDOM: [{ tag: "code" }],
    toDOM: () => ["code", 0],
  },
};

export const schema = new Schema({ nodes, marks });
