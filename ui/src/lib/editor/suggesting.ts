// Suggesting mode in the body: with it on, an edit never changes the text. Typing, deleting and
// typing over a selection become one *pending* suggestion — words struck through and words to
// insert, drawn over the unchanged document — that grows while the user goes on at the same
// place and is handed over (to be signed and recorded by the core) when they pause, move away or
// switch modes. The suggestions already recorded are drawn the same way, in their suggester's
// colour. The document never changes in this mode, so every position stays valid throughout.
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "prosemirror-state";
import { ReplaceStep } from "prosemirror-transform";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";
import type { Anchor } from "../../bindings/Anchor";
import { docText } from "./comment-highlights";

/** An edit not yet recorded: the document's `from..to` replaced by `inserted`. */
export interface Pending {
  from: number;
  to: number;
  inserted: string;
}

/** A recorded suggestion where it is in the document now. */
export interface Shown {
  id: string;
  from: number;
  to: number;
  replacement: string;
  /** The suggester's colour, as a hue. */
  hue: number;
  active: boolean;
}

interface SuggestState {
  on: boolean;
  pending: Pending | null;
  shown: Shown[];
  decorations: DecorationSet;
}

interface Meta {
  on?: boolean;
  pending?: Pending | null;
  shown?: Shown[];
}

const key = new PluginKey<SuggestState>("suggesting");

function insertion(text: string, className: string, hue: number): HTMLElement {
  const ins = document.createElement("ins");
  ins.className = className;
  ins.textContent = text;
  ins.style.setProperty("--suggestion-hue", String(hue));
  return ins;
}

function decorate(doc: PMNode, pending: Pending | null, shown: Shown[]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const s of shown) {
    const attrs = { class: `suggestion-deleted${s.active ? " active" : ""}`, style: `--suggestion-hue: ${s.hue}`, "data-suggestion": s.id };
    if (s.to > s.from) decorations.push(Decoration.inline(s.from, s.to, attrs, { id: s.id }));
    if (s.replacement) {
      decorations.push(Decoration.widget(s.to, () => insertion(s.replacement, `suggestion-inserted${s.active ? " active" : ""}`, s.hue), { side: 1, id: s.id, key: `s-${s.id}-${s.replacement}` }));
    }
  }
  if (pending) {
    if (pending.to > pending.from) decorations.push(Decoration.inline(pending.from, pending.to, { class: "suggestion-deleted pending" }));
    if (pending.inserted) {
      decorations.push(Decoration.widget(pending.to, () => insertion(pending.inserted, "suggestion-inserted pending", 210), { side: -1, key: `p-${pending.inserted}` }));
    }
  }
  return DecorationSet.create(doc, decorations);
}

export function suggesting(onClick: (id: string) => void): Plugin<SuggestState> {
  return new Plugin<SuggestState>({
    key,
    state: {
      init: () => ({ on: false, pending: null, shown: [], decorations: DecorationSet.empty }),
      apply(tr: Transaction, old: SuggestState): SuggestState {
        const meta = tr.getMeta(key) as Meta | undefined;
        if (!meta) return tr.docChanged ? { ...old, shown: [], pending: null, decorations: old.decorations.map(tr.mapping, tr.doc) } : old;
        const next = { ...old, ...meta };
        return { ...next, decorations: decorate(tr.doc, next.pending, next.shown) };
      },
    },
    props: {
      decorations: (state) => key.getState(state)?.decorations,
      handleClick(view, pos) {
        const found = key.getState(view.state)?.decorations.find(pos, pos) ?? [];
        const id = found.find((d) => d.spec.id)?.spec.id as string | undefined;
        if (id) onClick(id);
        return false;
      },
    },
  });
}

export function isSuggesting(state: EditorState): boolean {
  return key.getState(state)?.on ?? false;
}

export function pendingOf(state: EditorState): Pending | null {
  return key.getState(state)?.pending ?? null;
}

/** A transaction that turns the mode on or off (the pending edit is the caller's to hand over first). */
export function setSuggesting(state: EditorState, on: boolean): Transaction {
  return state.tr.setMeta(key, { on, pending: null }).setMeta("addToHistory", false);
}

export function showSuggestions(state: EditorState, shown: Shown[]): Transaction {
  return state.tr.setMeta(key, { shown }).setMeta("addToHistory", false);
}

export function clearPending(state: EditorState): Transaction {
  return state.tr.setMeta(key, { pending: null }).setMeta("addToHistory", false);
}

/** Why an edit cannot be a suggestion as made. */
export type Refused = "paragraphs" | "structure";

/**
 * In suggesting mode, takes the edit `tr` would make as a change to the pending suggestion
 * instead (or refuses it); returns the transaction to apply in its place, and the pending
 * suggestion to hand over first when the edit starts another one.
 */
export function intercept(
  state: EditorState,
  tr: Transaction,
): { apply: Transaction; handOver: Pending | null; refused: Refused | null } | null {
  const plugin = key.getState(state);
  if (!plugin?.on || !tr.docChanged || tr.getMeta(key)) return null;
  const keep = (refused: Refused | null) => ({ apply: state.tr.setMeta(key, {}), handOver: null, refused });
  const step = tr.steps.length === 1 ? tr.steps[0] : null;
  if (!(step instanceof ReplaceStep) || (step as unknown as { structure: boolean }).structure) return keep("structure");
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: { content: PMNode["content"]; openStart: number; openEnd: number } };
  const doc = state.doc;
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  let onlyText = true;
  slice.content.forEach((node) => {
    if (!node.isText) onlyText = false;
  });
  if (!onlyText || $from.parent !== $to.parent || !$from.parent.isTextblock) return keep("paragraphs");
  const inserted = slice.content.textBetween(0, slice.content.size, "");
  const p = plugin.pending;
  let next: Pending;
  let handOver: Pending | null = null;
  if (p && from === to && from === p.to && inserted) next = { ...p, inserted: p.inserted + inserted };
  else if (p && !inserted && to === p.to && p.inserted) next = { ...p, inserted: [...p.inserted].slice(0, -(to - from) || undefined).join("") };
  else if (p && !inserted && !p.inserted && to === p.from) next = { ...p, from };
  else if (p && !inserted && from === p.to) next = { ...p, to };
  else {
    handOver = p;
    next = { from, to, inserted };
  }
  // The caret stays after the change, or before the struck words while deleting backwards.
  const backwards = !inserted && !next.inserted && state.selection.empty && state.selection.from === to;
  const caret = backwards ? next.from : next.to;
  const apply = state.tr.setMeta(key, { pending: next }).setSelection(TextSelection.create(doc, caret)).setMeta("addToHistory", false);
  return { apply, handOver, refused: null };
}

/** The anchor of the document's `from..to` as the core reads the body (an empty range: an
 * insertion's place, found again by its context). */
export function suggestionAnchor(doc: PMNode, from: number, to: number, revision: number): Anchor | null {
  const { text, positions } = docText(doc);
  const start = positions.findIndex((p) => p >= from);
  let end = from === to ? start : positions.findIndex((p) => p >= to);
  if (end < 0) end = text.length;
  if (start < 0 || end < start) return null;
  const CONTEXT = 32;
  return {
    field: "body",
    revision,
    start: [...text.slice(0, start)].length,
    end: [...text.slice(0, end)].length,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
  };
}

/** Where an insertion's place is in the document: after its prefix and before its suffix, the
 * place where most of both still stand (enough not to be chance), as the core's `locate`. */
export function locatePointInDoc(doc: PMNode, anchor: Anchor): number | null {
  const { text, positions } = docText(doc);
  let best: { at: number; score: number } | null = null;
  const needed = Math.min(8, anchor.prefix.length + anchor.suffix.length);
  for (let at = 0; at <= text.length; at++) {
    const before = text.slice(Math.max(0, at - anchor.prefix.length), at);
    const after = text.slice(at, at + anchor.suffix.length);
    let p = 0;
    while (p < before.length && before[before.length - 1 - p] === anchor.prefix[anchor.prefix.length - 1 - p]) p++;
    let s = 0;
    while (s < after.length && after[s] === anchor.suffix[s]) s++;
    if (p + s < needed) continue;
    const score = (p + s) * 1_000_000 - Math.abs(at - anchor.start);
    if (!best || score > best.score) best = { at, score };
  }
  if (!best) return null;
  return best.at < positions.length ? positions[best.at] : null;
}

/** Hands the pending edit over when the caret leaves it (a click elsewhere). */
export function caretLeft(view: EditorView): boolean {
  const p = pendingOf(view.state);
  if (!p) return false;
  const { from, to } = view.state.selection;
  return !(from === to && (from === p.to || from === p.from));
}

/** The suggester's colour: a hue from their key's fingerprint, the same on every laptop. */
export function hueOf(fingerprint: string): number {
  return parseInt(fingerprint.slice(0, 6), 16) % 360 || 0;
}
