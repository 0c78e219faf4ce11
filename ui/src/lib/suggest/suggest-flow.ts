// Suggesting mode as one flow over the editor and the stores: the mode a story opens in (the
// core's rule), the pending suggestion handed over when the user pauses or moves on, the recorded
// ones drawn in the text, and deciding — an accepted suggestion changes the text in the library,
// so what is typed is saved first and the story is shown again after.
import type { Anchor } from "../../bindings/Anchor";
import type { SuggestionDecision } from "../../bindings/SuggestionDecision";
import type { LoadedDraft } from "../../bindings/LoadedDraft";
import type { Backend, IpcResult } from "../backend/backend";
import { locateInDoc } from "../editor/comment-highlights";
import type { BodyEditor } from "../editor/editor";
import { hueOf, locatePointInDoc, suggestionAnchor, type Pending, type Shown } from "../editor/suggesting";
import type { ReviewStore } from "../review/review.svelte";
import { fieldSuggestion, type SuggestedField } from "./field-suggestion";
import type { SuggestionsStore } from "./suggestions.svelte";

/** How long typing may pause before the pending suggestion is recorded. */
export const PAUSE_MS = 1200;

export interface SuggestHost {
  backend: Backend;
  editor(): BodyEditor | null;
  suggestions: SuggestionsStore;
  review: ReviewStore;
  /** The open story's id. */
  id(): string | null;
  /** Saves what is typed; false if it could not. */
  flush(): Promise<boolean>;
  /** Shows the story as the library holds it now. */
  show(draft: LoadedDraft): void;
  failed(error: { code: string; message: string }): void;
}

export class SuggestFlow {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The story is shown again after an acceptance: it keeps the mode it was in. */
  private keepMode = false;

  constructor(private host: SuggestHost) {}

  /** The story was opened (or shown again): its suggestions, and the mode it opens in. */
  async opened(id: string): Promise<void> {
    await this.host.suggestions.refresh(id);
    this.draw();
  }

  /** The review state arrived: a story opens in the mode the core's rule gives. */
  modeFor(suggestByDefault: boolean): void {
    if (this.keepMode) this.keepMode = false;
    else this.setMode(suggestByDefault);
  }

  async toggle(): Promise<void> {
    // Words being typed in a field belong to the mode they were typed in: leaving the field
    // hands them over (a suggestion) or keeps them (an edit) before the mode changes.
    (document.activeElement as HTMLElement | null)?.blur();
    await this.handOver();
    this.setMode(!this.host.suggestions.suggesting);
  }

  private setMode(on: boolean): void {
    this.host.suggestions.suggesting = on;
    this.host.editor()?.setSuggesting(on);
    this.draw();
  }

  /** The pending suggestion changed: it is recorded when typing pauses. */
  pendingChanged(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.handOver(), PAUSE_MS);
  }

  /** Records the pending suggestion now, if there is one. */
  async handOver(): Promise<void> {
    clearTimeout(this.timer);
    const pending = this.host.editor()?.takePending();
    if (pending) await this.record(pending);
  }

  /** Records a finished suggestion (signed by the core, which also checks it can be applied). */
  async record(pending: Pending): Promise<void> {
    const editor = this.host.editor();
    const id = this.host.id();
    if (!editor || !id) return;
    const anchor = suggestionAnchor(editor.view.state.doc, pending.from, pending.to, this.host.review.row?.latest_revision ?? 1);
    if (!anchor || anchor.exact === pending.inserted) return;
    const result = await this.host.suggestions.propose(id, anchor, pending.inserted);
    if (!result.ok) this.host.failed(result.error);
    this.draw();
  }

  /** A change typed into the title, kicker or standfirst while suggesting. */
  async suggestField(field: SuggestedField, before: string, after: string): Promise<void> {
    const id = this.host.id();
    const change = fieldSuggestion(field, before, after, this.host.review.row?.latest_revision ?? 1);
    if (!id || !change) return;
    const result = await this.host.suggestions.propose(id, change.anchor, change.replacement);
    if (!result.ok) this.host.failed(result.error);
  }

  /** Accepts, rejects or withdraws (`suggestion` null: accepts or rejects every open one). */
  async decide(suggestion: string | null, decision: SuggestionDecision): Promise<boolean> {
    const id = this.host.id();
    if (!id) return false;
    await this.handOver();
    if (decision === "accept" && !(await this.host.flush())) return false;
    const result = await this.host.suggestions.decide(id, suggestion, decision);
    if (!result.ok) {
      this.host.failed(result.error);
      return false;
    }
    if (decision === "accept") await this.reload(id);
    void this.host.review.refresh(id);
    this.draw();
    return true;
  }

  async reply(suggestion: string, text: string): Promise<boolean> {
    const id = this.host.id();
    if (!id) return false;
    return this.shown(await this.host.suggestions.reply(id, suggestion, text));
  }

  /** Shows a suggestion's words in the text, selected. */
  select(suggestion: string): void {
    const editor = this.host.editor();
    const found = this.host.suggestions.list.find((s) => s.id === suggestion);
    this.host.suggestions.active = suggestion;
    this.draw();
    if (!editor || !found) return;
    const range = this.rangeOf(found.anchor);
    if (range) editor.select(range.from, range.to);
  }

  /** Draws the open suggestions of the body where their words are now. */
  draw(): void {
    const editor = this.host.editor();
    if (!editor) return;
    const shown: Shown[] = [];
    for (const s of this.host.suggestions.list) {
      // Only where the core finds its words: a detached one is listed, not drawn.
      if (s.status !== "open" || s.anchor.field !== "body" || !s.located) continue;
      const range = this.rangeOf(s.anchor);
      if (!range) continue;
      shown.push({ id: s.id, ...range, replacement: s.replacement, hue: hueOf(s.fingerprint), active: s.id === this.host.suggestions.active });
    }
    editor.showSuggestions(shown);
  }

  private rangeOf(anchor: Anchor): { from: number; to: number } | null {
    const doc = this.host.editor()?.view.state.doc;
    if (!doc) return null;
    if (anchor.exact) return locateInDoc(doc, anchor);
    const at = locatePointInDoc(doc, anchor);
    return at === null ? null : { from: at, to: at };
  }

  private async reload(id: string): Promise<void> {
    const draft = await this.host.backend.loadDraft(id);
    if (!draft.ok) return;
    this.keepMode = true;
    this.host.show(draft.value);
    this.host.editor()?.setSuggesting(this.host.suggestions.suggesting);
  }

  private shown(result: IpcResult<unknown>): boolean {
    if (!result.ok) this.host.failed(result.error);
    this.draw();
    return result.ok;
  }
}
