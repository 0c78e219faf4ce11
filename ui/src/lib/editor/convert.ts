// Conversion between the article model's body (blocks from the Rust core, typed by ts-rs) and the
// editor's ProseMirror document. The UI never reads or writes the article file format itself.
import { Fragment, type Mark, type Node as PMNode } from "prosemirror-model";
import type { Block } from "../../bindings/Block";
import type { Inline } from "../../bindings/Inline";
import { schema } from "./schema";

// ---- model → editor ----

export function toDoc(blocks: Block[]): PMNode {
  const content = blocks.map(blockToNode);
  return schema.node("doc", null, content.length ? content : [schema.node("paragraph")]);
}

function blockToNode(block: Block): PMNode {
  switch (block.type) {
    case "paragraph":
      return schema.node("paragraph", null, inlinesToNodes(block.content));
    case "heading":
      return schema.node("heading", { level: block.level }, inlinesToNodes(block.content));
    case "list": {
      const items = block.items.map((item) =>
        schema.node("list_item", null, item.length ? item.map(blockToNode) : [schema.node("paragraph")]),
      );
      return block.start === null
        ? schema.node("bullet_list", null, items)
        : schema.node("ordered_list", { start: block.start }, items);
    }
    case "quote":
      return schema.node("blockquote", null, block.blocks.length ? block.blocks.map(blockToNode) : [schema.node("paragraph")]);
    case "pull_quote": {
      const parts = [schema.node("pull_quote_text", null, inlinesToNodes(block.content))];
      if (block.attribution !== null) parts.push(schema.node("pull_quote_attribution", null, textNodes(block.attribution)));
      return schema.node("pull_quote", null, parts);
    }
    case "related":
      return schema.node(
        "related_block",
        null,
        block.links.map((l) => schema.node("related_item", { url: l.url }, textNodes(l.title))),
      );
    case "image":
      return schema.node("figure_image", { src: block.src, alt: block.alt, caption: block.caption, credit: block.credit });
    case "code":
      return schema.node("code_block", { info: block.info }, textNodes(block.text.replace(/\n$/, "")));
    case "rule":
      return schema.node("horizontal_rule");
  }
}

function textNodes(text: string, marks: readonly Mark[] = []): PMNode[] {
  return text ? [schema.text(text, marks)] : [];
}

function inlinesToNodes(inlines: Inline[], marks: readonly Mark[] = []): PMNode[] {
  return inlines.flatMap((inline): PMNode[] => {
    switch (inline.type) {
      case "text":
        return textNodes(inline.text, marks);
      case "emphasis":
        return inlinesToNodes(inline.content, schema.marks.em.create().addToSet(marks));
      case "strong":
        return inlinesToNodes(inline.content, schema.marks.strong.create().addToSet(marks));
      case "link":
        return inlinesToNodes(inline.content, schema.marks.link.create({ href: inline.url, title: inline.title }).addToSet(marks));
      case "code":
        return textNodes(inline.code, schema.marks.code.create().addToSet(marks));
      case "image":
        return [schema.node("inline_image", { src: inline.src, alt: inline.alt, title: inline.title }, undefined, marks)];
      case "line_break":
        return [schema.node("hard_break", null, undefined, marks)];
    }
  });
}

// ---- editor → model ----

export function fromDoc(doc: PMNode): Block[] {
  return childBlocks(doc.content);
}

function childBlocks(content: Fragment): Block[] {
  const out: Block[] = [];
  content.forEach((node) => {
    const block = nodeToBlock(node);
    if (block) out.push(block);
  });
  return out;
}

function nodeToBlock(node: PMNode): Block | null {
  switch (node.type.name) {
    case "paragraph": {
      const content = nodesToInlines(node.content);
      // An empty paragraph is only the caret's resting place; it holds nothing to keep.
      return content.length ? { type: "paragraph", content } : null;
    }
    case "heading":
      return { type: "heading", level: node.attrs.level as number, content: nodesToInlines(node.content) };
    case "bullet_list":
    case "ordered_list": {
      const items: Block[][] = [];
      node.content.forEach((item) => items.push(childBlocks(item.content)));
      return { type: "list", start: node.type.name === "ordered_list" ? (node.attrs.start as number) : null, items };
    }
    case "blockquote":
      return { type: "quote", blocks: childBlocks(node.content) };
    case "pull_quote": {
      const text = node.child(0);
      const by = node.childCount > 1 ? node.child(1).textContent.trim() : "";
      return { type: "pull_quote", content: nodesToInlines(text.content), attribution: by ? by : null };
    }
    case "related_block": {
      const links: { title: string; url: string }[] = [];
      node.content.forEach((item) => links.push({ title: item.textContent, url: item.attrs.url as string }));
      return { type: "related", links };
    }
    case "figure_image":
      return { type: "image", src: node.attrs.src, alt: node.attrs.alt, caption: node.attrs.caption, credit: node.attrs.credit };
    case "code_block":
      return { type: "code", info: node.attrs.info as string, text: node.textContent ? node.textContent + "\n" : "" };
    case "horizontal_rule":
      return { type: "rule" };
    default:
      return null;
  }
}

const MARK_ORDER = ["link", "strong", "em"];

interface Open {
  mark: Mark;
  children: Inline[];
}

/** Rebuilds the nested inline tree from ProseMirror's flat runs of marked text. */
function nodesToInlines(content: Fragment): Inline[] {
  const root: Inline[] = [];
  const stack: Open[] = [];
  const top = () => (stack.length ? stack[stack.length - 1].children : root);
  content.forEach((node) => {
    const marks = node.marks.filter((m) => MARK_ORDER.includes(m.type.name)).sort(byOrder);
    let keep = 0;
    while (keep < stack.length && keep < marks.length && stack[keep].mark.eq(marks[keep])) keep++;
    while (stack.length > keep) close(stack, root);
    for (const mark of marks.slice(keep)) stack.push({ mark, children: [] });
    const leaf = leafOf(node);
    if (leaf) pushInline(top(), leaf);
  });
  while (stack.length) close(stack, root);
  return root;
}

function byOrder(a: Mark, b: Mark): number {
  return MARK_ORDER.indexOf(a.type.name) - MARK_ORDER.indexOf(b.type.name);
}

function close(stack: Open[], root: Inline[]): void {
  const open = stack.pop()!;
  const parent = stack.length ? stack[stack.length - 1].children : root;
  const m = open.mark;
  const wrapped: Inline =
    m.type.name === "link"
      ? { type: "link", url: m.attrs.href as string, title: m.attrs.title as string, content: open.children }
      : m.type.name === "strong"
        ? { type: "strong", content: open.children }
        : { type: "emphasis", content: open.children };
  pushInline(parent, wrapped);
}

function leafOf(node: PMNode): Inline | null {
  if (node.isText) {
    const text = node.text ?? "";
    return node.marks.some((m) => m.type.name === "code") ? { type: "code", code: text } : { type: "text", text };
  }
  if (node.type.name === "hard_break") return { type: "line_break" };
  if (node.type.name === "inline_image") {
    return { type: "image", src: node.attrs.src as string, alt: node.attrs.alt as string, title: node.attrs.title as string };
  }
  return null;
}

/** Appends, joining adjacent text runs as the core's canonical form does. */
function pushInline(list: Inline[], inline: Inline): void {
  const last = list[list.length - 1];
  if (inline.type === "text" && last?.type === "text") {
    list[list.length - 1] = { type: "text", text: last.text + inline.text };
  } else {
    list.push(inline);
  }
}
