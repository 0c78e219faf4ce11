// Editing commands, each of the shape (state, dispatch?) => boolean so the toolbar can ask
// "can I run?" to enable its buttons, as ProseMirror's own commands do.
import { lift, setBlockType, toggleMark, wrapIn } from "prosemirror-commands";
import type { Node as PMNode, NodeType } from "prosemirror-model";
import { TextSelection, type Command, type EditorState } from "prosemirror-state";
import { liftListItem, wrapInList } from "prosemirror-schema-list";
import { schema } from "./schema";

const { nodes, marks } = schema;

export const toggleBold = toggleMark(marks.strong);
export const toggleItalic = toggleMark(marks.em);

/** Turns the current block into a heading of `level`, or back into a paragraph if it already is one. */
export function toggleHeading(level: 2 | 3): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const isSame = $from.parent.type === nodes.heading && $from.parent.attrs.level === level;
    return isSame ? setBlockType(nodes.paragraph)(state, dispatch) : setBlockType(nodes.heading, { level })(state, dispatch);
  };
}

function inside(state: EditorState, type: NodeType): boolean {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === type) return true;
  return false;
}

export function toggleList(type: NodeType): Command {
  return (state, dispatch) => (inside(state, type) ? liftListItem(nodes.list_item)(state, dispatch) : wrapInList(type)(state, dispatch));
}

export const toggleBulletList = toggleList(nodes.bullet_list);
export const toggleOrderedList = toggleList(nodes.ordered_list);

export const toggleBlockquote: Command = (state, dispatch) =>
  inside(state, nodes.blockquote) ? lift(state, dispatch) : wrapIn(nodes.blockquote)(state, dispatch);

/** The top-level block the selection is in: insertions go after it. */
function afterCurrentBlock(state: EditorState): number {
  const { $from } = state.selection;
  return $from.depth === 0 ? $from.pos : $from.after(1);
}

function insertBlock(node: PMNode, caretOffset: number): Command {
  return (state, dispatch) => {
    const at = afterCurrentBlock(state);
    if (dispatch) {
      const tr = state.tr.insert(at, node);
      tr.setSelection(TextSelection.create(tr.doc, at + caretOffset));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/**
 * A pull-quote: the current paragraph's text becomes the quote when the caret is in a non-empty
 * top-level paragraph; otherwise an empty pull-quote is inserted after the current block.
 */
export const insertPullQuote: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const paragraph = $from.depth === 1 && $from.parent.type === nodes.paragraph ? $from.parent : null;
  const quote = nodes.pull_quote.create(null, [
    nodes.pull_quote_text.create(null, paragraph?.content),
    nodes.pull_quote_attribution.create(),
  ]);
  if (paragraph && paragraph.content.size > 0) {
    if (dispatch) {
      const start = $from.before(1);
      const tr = state.tr.replaceWith(start, $from.after(1), quote);
      // Caret at the start of the attribution line, ready to type who said it.
      tr.setSelection(TextSelection.create(tr.doc, start + 2 + paragraph.content.size + 2));
      dispatch(tr.scrollIntoView());
    }
    return true;
  }
  return insertBlock(quote, 2)(state, dispatch);
};

/** An inline related-stories block with one empty entry. */
export const insertRelated: Command = insertBlock(nodes.related_block.create(null, [nodes.related_item.create({ url: "" })]), 2);

/** Applies (or, with an empty href, removes) a link on the selection. */
export function setLink(href: string): Command {
  return (state, dispatch) => {
    const { from, to, empty } = state.selection;
    if (empty) return false;
    if (dispatch) {
      const tr = state.tr.removeMark(from, to, marks.link);
      if (href.trim()) tr.addMark(from, to, marks.link.create({ href: href.trim(), title: "" }));
      dispatch(tr);
    }
    return true;
  };
}

/**
 * Enter inside the special blocks: from a pull-quote's text to its attribution, from the
 * attribution out to a new paragraph, from a related entry to the next (or out when empty).
 */
export const enterInSpecialBlocks: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty) return false;
  const parent = $from.parent;
  if (parent.type === nodes.pull_quote_text) {
    const quote = $from.node($from.depth - 1);
    if (dispatch) {
      const tr = state.tr;
      let attributionStart = $from.after();
      if (quote.childCount < 2) tr.insert(attributionStart, nodes.pull_quote_attribution.create());
      tr.setSelection(TextSelection.create(tr.doc, attributionStart + 1));
      dispatch(tr.scrollIntoView());
    }
    return true;
  }
  if (parent.type === nodes.pull_quote_attribution || (parent.type === nodes.related_item && parent.content.size === 0)) {
    const container = $from.depth - 1;
    if (dispatch) {
      const tr = state.tr;
      if (parent.type === nodes.related_item && $from.node(container).childCount > 1) tr.delete($from.before(), $from.after());
      const at = tr.mapping.map($from.after(container));
      tr.insert(at, nodes.paragraph.create());
      tr.setSelection(TextSelection.create(tr.doc, at + 1));
      dispatch(tr.scrollIntoView());
    }
    return true;
  }
  if (parent.type === nodes.related_item) {
    if (dispatch) {
      const at = $from.after();
      const tr = state.tr.insert(at, nodes.related_item.create({ url: "" }));
      tr.setSelection(TextSelection.create(tr.doc, at + 1));
      dispatch(tr.scrollIntoView());
    }
    return true;
  }
  return false;
};

/** An image from the library after the current block, with empty alt text, caption and credit. */
export function insertImage(src: string): Command {
  return (state, dispatch) => {
    const at = afterCurrentBlock(state);
    dispatch?.(state.tr.insert(at, nodes.figure_image.create({ src, alt: "", caption: "", credit: "" })).scrollIntoView());
    return true;
  };
}

const LRM = "\u200E";
const RLM = "\u200F";

/**
 * Overrides the current block's direction, or returns it to following its own text ("auto").
 * The override is a Unicode mark at the start of the block (LRM or RLM): it is plain text, so it
 * survives the article format and every viewer, and `dir="auto"` honours it as the first strong
 * character.
 */
export function setDirection(direction: "ltr" | "rtl" | "auto"): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    if (!$from.parent.isTextblock) return false;
    if (dispatch) {
      const start = $from.start();
      const first = $from.parent.textContent.charAt(0);
      const tr = state.tr;
      if (first === LRM || first === RLM) tr.delete(start, start + 1);
      if (direction !== "auto") tr.insertText(direction === "ltr" ? LRM : RLM, start);
      dispatch(tr);
    }
    return true;
  };
}
