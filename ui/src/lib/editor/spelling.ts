// Spell checking as editor decorations. Edited paragraphs are sent to the Rust side after a
// pause in typing and their misspelled words come back as ranges, underlined here; a right click
// on one offers suggestions. Typing itself never waits for a dictionary.
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey, type EditorState } from "prosemirror-state";
import { Mapping, type StepMap } from "prosemirror-transform";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";

export interface SpellingService {
  /** Misspelled ranges (UTF-16 offsets) for each text; null when there is no checker. */
  check(texts: string[]): Promise<[number, number][][] | null>;
  suggest(word: string): Promise<string[]>;
  noSuggestions(): string;
}

/** A paragraph's text, and the document position of each of its UTF-16 units. */
export interface BlockText {
  from: number;
  to: number;
  text: string;
  positions: number[];
}

const PAUSE_MS = 400;
const OBJECT = "\uFFFC";

/** The text of the textblock at `start` (the position before it). Inline pictures and line
 * breaks count as one object character, which no word contains; so does inline code. */
export function blockText(block: PMNode, start: number): BlockText {
  let text = "";
  const positions: number[] = [];
  block.forEach((child, offset) => {
    const pos = start + 1 + offset;
    if (child.isText) {
      const t = child.text ?? "";
      for (let i = 0; i < t.length; i++) positions.push(pos + i);
      // Inline code is not prose: it is read as objects, which no word contains.
      text += child.marks.some((m) => m.type.spec.code) ? OBJECT.repeat(t.length) : t;
    } else {
      positions.push(pos);
      text += OBJECT;
    }
  });
  return { from: start, to: start + block.nodeSize, text, positions };
}

/** The textblocks of `doc` that touch any of `ranges` (all of them when `ranges` is null). */
export function textblocks(doc: PMNode, ranges: [number, number][] | null): BlockText[] {
  const out = new Map<number, BlockText>();
  const visit = (from: number, to: number) =>
    doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isTextblock) return true;
      // Code blocks are not prose to spell-check.
      if (!out.has(pos) && !node.type.spec.code) out.set(pos, blockText(node, pos));
      return false;
    });
  if (ranges === null) visit(0, doc.content.size);
  else for (const [a, b] of ranges) visit(Math.max(0, Math.min(a, doc.content.size)), Math.max(0, Math.min(b, doc.content.size)));
  return [...out.values()];
}

type Meta = { type: "taken" } | { type: "all" } | { type: "checked"; blocks: BlockText[]; results: [number, number][][] };

class SpellState {
  constructor(
    readonly decorations: DecorationSet,
    /** Ranges edited since they were last sent; null: check everything. */
    readonly dirty: [number, number][] | null,
    /** The changes since the last check was sent, to place its answer. */
    readonly maps: readonly StepMap[],
  ) {}
}

export const spellingKey = new PluginKey<SpellState>("spelling");

/** Asks for the whole document to be checked again (the checker became available). */
export function recheckAll(view: EditorView): void {
  view.dispatch(view.state.tr.setMeta(spellingKey, { type: "all" }).setMeta("addToHistory", false));
}

function applyResults(state: SpellState, meta: Extract<Meta, { type: "checked" }>, doc: PMNode): DecorationSet {
  const mapping = new Mapping([...state.maps]);
  let decorations = state.decorations;
  for (const [i, block] of meta.blocks.entries()) {
    const from = mapping.map(block.from, 1);
    const to = mapping.map(block.to, -1);
    if (from >= to) continue;
    decorations = decorations.remove(decorations.find(from, to));
    const added: Decoration[] = [];
    for (const [a, b] of meta.results[i] ?? []) {
      if (a >= b || b > block.positions.length) continue;
      const start = mapping.mapResult(block.positions[a], 1);
      const end = mapping.mapResult(block.positions[b - 1] + 1, -1);
      if (start.deleted || end.deleted || start.pos >= end.pos) continue;
      added.push(Decoration.inline(start.pos, end.pos, { class: "misspelled" }));
    }
    decorations = decorations.add(doc, added);
  }
  return decorations;
}

/** The spell checking plugin; `service` answers for the open article's language. */
export function spelling(service: SpellingService): Plugin<SpellState> {
  return new Plugin<SpellState>({
    key: spellingKey,
    state: {
      init: () => new SpellState(DecorationSet.empty, null, []),
      apply(tr, state, _old, newState) {
        const meta = tr.getMeta(spellingKey) as Meta | undefined;
        let { decorations, dirty, maps } = state;
        if (tr.docChanged) {
          decorations = decorations.map(tr.mapping, tr.doc);
          if (dirty !== null) {
            dirty = dirty.map(([a, b]) => [tr.mapping.map(a, -1), tr.mapping.map(b, 1)] as [number, number]);
            tr.mapping.maps.forEach((map, i) => {
              const rest = tr.mapping.slice(i + 1);
              map.forEach((_a, _b, start, end) => dirty!.push([rest.map(start, -1), rest.map(end, 1)]));
            });
          }
          maps = [...maps, ...tr.mapping.maps];
        }
        if (meta?.type === "taken") return new SpellState(decorations, [], []);
        if (meta?.type === "all") return new SpellState(decorations, null, maps);
        if (meta?.type === "checked") decorations = applyResults(new SpellState(decorations, dirty, maps), meta, newState.doc);
        return new SpellState(decorations, dirty, maps);
      },
    },
    props: {
      decorations: (state: EditorState) => spellingKey.getState(state)?.decorations,
      handleDOMEvents: {
        contextmenu(view, event) {
          const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
          if (!at) return false;
          const found = spellingKey.getState(view.state)?.decorations.find(at.pos, at.pos);
          const hit = found?.find((d) => d.from <= at.pos && at.pos <= d.to);
          if (!hit) return false;
          event.preventDefault();
          void openMenu(view, service, hit.from, hit.to, event.clientX, event.clientY);
          return true;
        },
      },
    },
    view(editorView) {
      let timer = 0;
      let inFlight = false;
      let destroyed = false;
      const run = async () => {
        const state = spellingKey.getState(editorView.state);
        if (inFlight || destroyed || !state || (state.dirty !== null && state.dirty.length === 0)) return;
        inFlight = true;
        const blocks = textblocks(editorView.state.doc, state.dirty);
        editorView.dispatch(editorView.state.tr.setMeta(spellingKey, { type: "taken" }).setMeta("addToHistory", false));
        const results = blocks.length ? await service.check(blocks.map((b) => b.text)) : [];
        inFlight = false;
        if (destroyed) return;
        if (results) {
          const meta: Meta = { type: "checked", blocks, results };
          editorView.dispatch(editorView.state.tr.setMeta(spellingKey, meta).setMeta("addToHistory", false));
        }
        schedule();
      };
      const schedule = () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => void run(), PAUSE_MS);
      };
      schedule();
      return {
        update(view, previous) {
          const state = spellingKey.getState(view.state);
          if (view.state.doc !== previous.doc || state?.dirty === null) schedule();
        },
        destroy() {
          destroyed = true;
          window.clearTimeout(timer);
        },
      };
    },
  });
}

let openedMenu: HTMLElement | null = null;
let dismissMenu: ((e: Event) => void) | null = null;

/** Closes the suggestions menu and stops listening for what would dismiss it. */
function closeMenu(): void {
  openedMenu?.remove();
  openedMenu = null;
  if (dismissMenu) {
    document.removeEventListener("mousedown", dismissMenu, true);
    document.removeEventListener("keydown", dismissMenu, true);
    dismissMenu = null;
  }
}

async function openMenu(view: EditorView, service: SpellingService, from: number, to: number, x: number, y: number): Promise<void> {
  closeMenu();
  const word = view.state.doc.textBetween(from, to);
  const suggestions = await service.suggest(word);
  const menu = document.createElement("ul");
  menu.className = "spelling-menu";
  menu.dataset.testid = "spelling-menu";
  menu.setAttribute("role", "menu");
  menu.style.insetInlineStart = "auto";
  menu.style.left = `${x}px`;
  menu.style.top = `${y}px`;
  for (const suggestion of suggestions) {
    const item = document.createElement("button");
    item.type = "button";
    item.dir = "auto";
    item.textContent = suggestion;
    item.setAttribute("role", "menuitem");
    item.addEventListener("click", () => {
      // Only if the word is still where it was when the menu opened.
      if (view.state.doc.textBetween(from, to) === word) view.dispatch(view.state.tr.insertText(suggestion, from, to));
      closeMenu();
      view.focus();
    });
    const li = document.createElement("li");
    li.append(item);
    menu.append(li);
  }
  if (suggestions.length === 0) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = service.noSuggestions();
    menu.append(li);
  }
  document.body.append(menu);
  openedMenu = menu;
  dismissMenu = (e: Event) => {
    if (e instanceof KeyboardEvent && e.key !== "Escape") return;
    if (e.type === "mousedown" && menu.contains(e.target as Node)) return;
    closeMenu();
  };
  document.addEventListener("mousedown", dismissMenu, true);
  document.addEventListener("keydown", dismissMenu, true);
}
