// Comments in the body: their words highlighted, and kept highlighted through edits (the
// decorations are mapped through every transaction while the article is open). Each thread is
// found in the document by its quote and context (the W3C text-quote selector the core stores),
// so a reopened or re-imported article shows its comments on the same words.
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import type { Anchor } from "../../bindings/Anchor";

/** The body's plain text as the core sees it (one line per text block), and each character's
 * document position. */
export interface DocText {
  text: string;
  /** `positions[i]` is the document position of `text[i]` (a newline: the end of its block). */
  positions: number[];
}

export function docText(doc: PMNode): DocText {
  let text = "";
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    node.forEach((child, offset) => {
      if (!child.isText) return;
      const t = child.text ?? "";
      for (let i = 0; i < t.length; i++) positions.push(pos + 1 + offset + i);
      text += t;
    });
    text += "\n";
    positions.push(pos + node.nodeSize - 1);
    return false;
  });
  return { text, positions };
}

const CONTEXT = 32;

/** The anchor of the document range `from..to`, or null when it holds no text. */
export function anchorOf(doc: PMNode, from: number, to: number, revision: number): Anchor | null {
  const { text, positions } = docText(doc);
  const start = positions.findIndex((p) => p >= from);
  let end = positions.findIndex((p) => p >= to);
  if (end < 0) end = text.length;
  if (start < 0 || end <= start) return null;
  const exact = text.slice(start, end);
  if (!exact.trim()) return null;
  return {
    field: "body",
    revision,
    start: [...text.slice(0, start)].length,
    end: [...text.slice(0, end)].length,
    exact,
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
  };
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Where the anchor's words are in the document now: the occurrence whose context matches best
 * (its old position breaks ties), as the core's `locate` does. */
export function locateInDoc(doc: PMNode, anchor: Anchor): { from: number; to: number } | null {
  if (!anchor.exact) return null;
  const { text, positions } = docText(doc);
  let best: { at: number; score: number } | null = null;
  // The same words in another sentence are not their place: some of their context must remain.
  const needed = Math.min(4, anchor.prefix.length + anchor.suffix.length);
  for (let at = text.indexOf(anchor.exact); at >= 0; at = text.indexOf(anchor.exact, at + 1)) {
    const context = commonSuffix(text.slice(0, at), anchor.prefix) + commonPrefix(text.slice(at + anchor.exact.length), anchor.suffix);
    if (context < needed) continue;
    const score = context * 1_000_000 - Math.abs(at - anchor.start);
    if (!best || score > best.score) best = { at, score };
  }
  if (!best) return null;
  const last = best.at + anchor.exact.length - 1;
  return { from: positions[best.at], to: positions[last] + 1 };
}

export interface Highlight {
  id: string;
  from: number;
  to: number;
  resolved: boolean;
}

const key = new PluginKey<DecorationSet>("comment-highlights");

function decorations(doc: PMNode, highlights: Highlight[], active: string | null): DecorationSet {
  return DecorationSet.create(
    doc,
    highlights
      .filter((h) => h.to > h.from)
      .map((h) =>
        Decoration.inline(h.from, h.to, {
          class: `comment-highlight${h.resolved ? " resolved" : ""}${h.id === active ? " active" : ""}`,
          "data-comment": h.id,
        }, { id: h.id }),
      ),
  );
}

export function commentHighlights(onClick: (id: string) => void): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_, state) => DecorationSet.empty.map(state.tr.mapping, state.doc),
      apply(tr: Transaction, set: DecorationSet) {
        const next = tr.getMeta(key) as { highlights: Highlight[]; active: string | null } | undefined;
        if (next) return decorations(tr.doc, next.highlights, next.active);
        return set.map(tr.mapping, tr.doc);
      },
    },
    props: {
      decorations: (state) => key.getState(state),
      handleClick(view, pos) {
        const found = key.getState(view.state)?.find(pos, pos) ?? [];
        const id = found[0]?.spec.id as string | undefined;
        if (id) onClick(id);
        return false;
      },
    },
  });
}

/** A transaction that shows `highlights` (replacing those shown). */
export function setHighlights(state: EditorState, highlights: Highlight[], active: string | null): Transaction {
  return state.tr.setMeta(key, { highlights, active }).setMeta("addToHistory", false);
}

/** The highlights where they are now (after the edits since they were set). */
export function currentHighlights(state: EditorState): { id: string; from: number; to: number }[] {
  return (key.getState(state)?.find() ?? []).map((d) => ({ id: d.spec.id as string, from: d.from, to: d.to }));
}
