// The body editor: a ProseMirror view over the schema, with history, Markdown-style input rules,
// shortcuts and the related-entry view. It speaks the core's block model at its edges.
import { history } from "prosemirror-history";
import { EditorState, TextSelection, type Command } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { layoutAfterOpening } from "./layout-after-opening";
import type { Block } from "../../bindings/Block";
import { withoutControlChars } from "./control-chars";
import { findWord } from "../style/replace-word";
import { fromDoc, toDoc } from "./convert";
import { markdownInputRules } from "./input-rules";
import { editorKeymaps } from "./keymap";
import { imageView } from "./image-view";
import { relatedItemView } from "./related-item-view";
import { recheckAll, spelling, type SpellingService } from "./spelling";
import { commentHighlights, setHighlights, type Highlight } from "./comment-highlights";
import { caretLeft, clearPending, intercept, isSuggesting, pendingOf, setSuggesting, showSuggestions, suggesting, type Pending, type Refused, type Shown } from "./suggesting";

export interface BodyEditor {
  view: EditorView;
  setBody(blocks: Block[]): void;
  getBody(): Block[];
  run(command: Command): boolean;
  can(command: Command): boolean;
  /** Puts the caret at the start of the top-level block `index` and scrolls it into view. */
  focusBlock(index: number): void;
  /** Makes the first whole-word `found` in block `index` the `replacement`, as typing would
   * (a suggestion in suggesting mode); false when the words are not there any more. */
  replaceInBlock(index: number, found: string, replacement: string): boolean;
  /** Qalam's own spell checker serves this article (true), or the webview's does (false). */
  useOwnSpelling(own: boolean): void;
  /** Shows the comments' words highlighted (`active` is the one chosen in the panel). */
  showComments(highlights: Highlight[], active: string | null): void;
  /** Selects `from..to` and scrolls it into view. */
  select(from: number, to: number): void;
  /** Suggesting mode: edits become a pending suggestion over the unchanged text. */
  setSuggesting(on: boolean): void;
  isSuggesting(): boolean;
  /** The pending suggestion, taken away (the caller records it). */
  takePending(): Pending | null;
  /** Draws the recorded suggestions where they are. */
  showSuggestions(shown: Shown[]): void;
}

export interface EditorOptions {
  label: string;
  relatedUrlPlaceholder: string;
  relatedUrlLabel: string;
  imageText(): { alt: string; caption: string; credit: string };
  resolveImage(src: string): Promise<string | null>;
  onChange(): void;
  onSelectionChange(): void;
  spelling: SpellingService;
  /** A highlighted comment was clicked. */
  onCommentClick(id: string): void;
  /** A recorded suggestion was clicked. */
  onSuggestionClick(id: string): void;
  /** In suggesting mode: a pending suggestion is finished (another edit began elsewhere). */
  onSuggest(pending: Pending): void;
  /** In suggesting mode: the pending suggestion changed. */
  onPendingChange(): void;
  /** In suggesting mode: an edit that cannot be a suggestion was not made. */
  onSuggestRefused(why: Refused): void;
}

/** Where the top-level block `index` starts. Block indexes count what the model holds: empty
 * paragraphs are not blocks there. */
function blockStart(doc: EditorState["doc"], index: number): number {
  let pos = 0;
  let seen = 0;
  for (let i = 0; i < doc.childCount - 1; i++) {
    const child = doc.child(i);
    const isBlock = !(child.type.name === "paragraph" && child.content.size === 0);
    if (isBlock && seen === index) break;
    if (isBlock) seen++;
    pos += child.nodeSize;
  }
  return pos;
}

export function createBodyEditor(mount: HTMLElement, options: EditorOptions): BodyEditor {
  const makeState = (blocks: Block[]) =>
    EditorState.create({ doc: toDoc(blocks), plugins: [
        history(),
        markdownInputRules(),
        ...editorKeymaps(),
        spelling(options.spelling),
        commentHighlights((id) => options.onCommentClick(id)),
        suggesting((id) => options.onSuggestionClick(id)),
      ],
    });
  const view = new EditorView(mount, {
    state: makeState([]),
    attributes: { "aria-label": options.label, "data-testid": "editor", role: "textbox", "aria-multiline": "true", spellcheck: "false" },
    nodeViews: {
      related_item: relatedItemView(options.relatedUrlPlaceholder, options.relatedUrlLabel),
      figure_image: imageView(options.imageText, options.resolveImage),
    },
    transformPastedText: (text) => withoutControlChars(text),
    transformPastedHTML: (html) => withoutControlChars(html),
    dispatchTransaction(tr) {
      // In suggesting mode an edit never reaches the text: it becomes the pending suggestion.
      const taken = intercept(view.state, tr);
      if (taken) {
        if (taken.handOver) options.onSuggest(taken.handOver);
        if (taken.refused) options.onSuggestRefused(taken.refused);
        view.updateState(view.state.apply(taken.apply));
        options.onPendingChange();
        options.onSelectionChange();
        return;
      }
      const pending = pendingOf(view.state);
      view.updateState(view.state.apply(tr));
      // The caret left the pending suggestion (a click elsewhere): it is finished.
      if (pending && !tr.docChanged && caretLeft(view)) {
        view.updateState(view.state.apply(clearPending(view.state)));
        options.onSuggest(pending);
      }
      if (tr.docChanged) options.onChange();
      options.onSelectionChange();
    },
  });
  const layout = layoutAfterOpening(mount);
  return {
    view,
    setBody(blocks) {
      const suggestingMode = isSuggesting(view.state);
      layout.restart();
      view.updateState(makeState(blocks));
      if (suggestingMode) view.updateState(view.state.apply(setSuggesting(view.state, true)));
      options.onSelectionChange();
    },
    getBody: () => fromDoc(view.state.doc),
    useOwnSpelling(own) {
      view.dom.setAttribute("spellcheck", String(!own));
      if (own) recheckAll(view);
    },
    select(from, to) {
      const doc = view.state.doc;
      const selection = TextSelection.create(doc, Math.min(from, doc.content.size), Math.min(to, doc.content.size));
      view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
      view.focus();
    },
    setSuggesting(on) {
      view.dispatch(setSuggesting(view.state, on));
    },
    isSuggesting: () => isSuggesting(view.state),
    takePending() {
      const pending = pendingOf(view.state);
      if (pending) view.dispatch(clearPending(view.state));
      return pending;
    },
    showSuggestions(shown) {
      view.dispatch(showSuggestions(view.state, shown));
    },
    showComments(highlights, active) {
      view.dispatch(setHighlights(view.state, highlights, active));
    },
    run: (command) => command(view.state, view.dispatch, view),
    can: (command) => command(view.state, undefined, view),
    focusBlock(index) {
      const doc = view.state.doc;
      const selection = TextSelection.near(doc.resolve(Math.min(blockStart(doc, index) + 1, doc.content.size)));
      view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
      view.focus();
    },
    replaceInBlock(index, found, replacement) {
      const doc = view.state.doc;
      const start = blockStart(doc, index);
      const node = doc.nodeAt(start);
      if (!node) return false;
      // The block's text, each UTF-16 unit with its place in the document.
      let text = "";
      const places: number[] = [];
      node.descendants((child, pos) => {
        if (child.isText && child.text) {
          for (let i = 0; i < child.text.length; i++) places.push(start + 1 + pos + i);
          text += child.text;
        }
      });
      const at = findWord(text, found);
      if (!at) return false;
      const from = places[at.from];
      const to = places[at.to - 1] + 1;
      // Words split by a picture or a line break are not the words found.
      if (to - from !== at.to - at.from) return false;
      view.dispatch(view.state.tr.insertText(replacement, from, to).scrollIntoView());
      view.focus();
      return true;
    },
  };
}
