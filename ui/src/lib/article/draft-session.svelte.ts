// The article open in the editor, as one flow: opening a draft (after saving the one open),
// autosaving it, restoring a revision, and getting out of a save conflict without losing a word.
// The window only lays it out; the sidebar, the desk, an import and a review step all open a
// story through `open`.
import type { Article } from "../../bindings/Article";
import type { LoadedDraft } from "../../bindings/LoadedDraft";
import type { SaveResult } from "../../bindings/SaveResult";
import type { Strings } from "../../i18n";
import type { Backend, IpcResult } from "../backend/backend";
import type { DraftList } from "../drafts/drafts.svelte";
import type { BodyEditor } from "../editor/editor";
import type { Notices } from "../notices/notices.svelte";
import { Autosaver, type SaveState } from "./autosave";
import type { ArticleFields } from "./fields.svelte";
import type { OpenArticle } from "./open-article.svelte";

/** The one notice a failing autosave keeps up to date (it retries; the notice says so once). */
const SAVE_ERROR = "save-error";
const LAST_DRAFT_KEY = "qalam.lastDraft";
/** The performance mark at the first frame showing an opened draft. */
const DRAFT_SHOWN_MARK = "qalam:draft-shown";

export interface SessionHost {
  backend: Backend;
  editor(): BodyEditor | null;
  fields: ArticleFields;
  open: OpenArticle;
  drafts: DraftList;
  notices: Notices;
  strings(): Strings;
  /** A story is now shown (its review, preview and spelling follow it). */
  shown(draft: LoadedDraft): void;
  /** A save went through (an edit can take an approval away). */
  saved(id: string, result: SaveResult): void;
  focusTitle(): void;
}

export class DraftSession {
  saveState = $state<SaveState | "none">("none");
  #current: { id: string; saver: Autosaver } | null = null;

  constructor(private readonly host: SessionHost) {}

  /** The open story's id, if one is open. */
  get id(): string | null {
    return this.#current?.id ?? null;
  }

  /** The version the next save starts from (a merge or restore must start from it too). */
  get version(): number {
    return this.#current?.saver.currentVersion ?? 0;
  }

  /** The draft the user had open last, else the newest, from a listing. */
  static lastOf(listed: { id: string }[]): string | null {
    const last = localStorage.getItem(LAST_DRAFT_KEY);
    return listed.some((d) => d.id === last) ? last : (listed[0]?.id ?? null);
  }

  /** What is in the editor now. */
  snapshot(): Article {
    return { meta: this.host.fields.get(), body: this.host.editor()!.getBody() };
  }

  /** Every edit: the story is saved a moment after typing stops. */
  changed(): void {
    this.#current?.saver.changed();
  }

  /** Saves what is pending now (`explicit`: Ctrl+S, always a revision); whether all is saved. */
  async flush(explicit = false): Promise<boolean> {
    return this.#current ? this.#current.saver.flush(explicit) : true;
  }

  /** Saves what is pending, then shows the draft `load` returns. Nothing typed is dropped. */
  async open(load: () => Promise<IpcResult<LoadedDraft>>, focusTitle = false): Promise<void> {
    if (!(await this.flush())) return;
    this.#current?.saver.dispose();
    const result = await load();
    if (!result.ok) return this.failed(result.error.message);
    this.show(result.value);
    // A draft already listed changes nothing in the list; a new one (or one the list has not seen) does.
    if (!this.host.drafts.items.some((d) => d.id === result.value.id)) await this.host.drafts.refresh();
    if (focusTitle) this.host.focusTitle();
  }

  /** Shows `draft` in the editor, autosaving from its version on. */
  show(draft: LoadedDraft): void {
    const saver: Autosaver = new Autosaver(
      {
        save: (article, base, explicit) => this.host.backend.saveDraft(draft.id, article, base, explicit),
        snapshot: () => this.snapshot(),
        onState: (state, detail) => this.setState(state, detail),
        onSaved: (saved) => {
          this.host.drafts.touch(draft.id, this.host.fields.title, saved.updated_label);
          this.host.saved(draft.id, saved);
        },
      },
      draft.version,
    );
    this.#current = { id: draft.id, saver };
    this.host.open.id = draft.id;
    localStorage.setItem(LAST_DRAFT_KEY, draft.id);
    this.host.fields.set(draft.article.meta);
    this.host.editor()!.setBody(draft.article.body);
    this.setState("saved");
    this.host.shown(draft);
    // The frame that shows the draft, named on the page's timeline for a profiler and the
    // editor's benchmark (tests/perf/app-perf.mjs).
    requestAnimationFrame(() => performance.mark(DRAFT_SHOWN_MARK));
  }

  /** Replaces the text with revision `number` (itself saved as a new revision). */
  async restoreRevision(number: number): Promise<boolean> {
    const current = this.#current;
    if (!current || !(await current.saver.flush())) return false;
    const result = await this.host.backend.restoreRevision(current.id, number, current.saver.currentVersion);
    if (!result.ok) {
      this.failed(result.error.message);
      return false;
    }
    this.show(result.value);
    await this.host.drafts.refresh();
    return true;
  }

  /** After a conflict the text in this editor is kept as a new article; then either it or the
   * version saved elsewhere is opened. */
  async resolveConflict(openTheirs: boolean): Promise<void> {
    const current = this.#current;
    if (!current) return;
    const { backend } = this.host;
    const mine = this.snapshot();
    const copy = await backend.createDraft();
    if (!copy.ok) return this.failed(copy.error.message);
    const saved = await backend.saveDraft(copy.value.id, { ...mine, meta: { ...mine.meta, id: null } }, copy.value.version, true);
    if (!saved.ok) return this.failed(saved.error.message);
    current.saver.dispose();
    this.#current = null;
    this.host.notices.dismissKey("conflict");
    await this.open(() => backend.loadDraft(openTheirs ? current.id : copy.value.id));
  }

  private setState(state: SaveState, detail?: string): void {
    // Every keystroke reports "unsaved"; writing an unchanged state is a no-op for Svelte.
    this.saveState = state;
    const t = this.host.strings();
    if (state === "error") {
      this.host.notices.show({ kind: "error", key: SAVE_ERROR, message: `${t.saveState.error}: ${detail ?? ""} — ${t.saveState.retrying}` });
    } else if (state === "conflict") {
      this.host.notices.show({
        kind: "decision",
        key: "conflict",
        message: t.conflict,
        choices: [
          { label: t.keepMineAsCopy, testid: "keep-mine", run: () => void this.resolveConflict(false) },
          { label: t.loadTheirs, testid: "load-theirs", run: () => void this.resolveConflict(true) },
        ],
      });
    } else if (state === "saved") this.host.notices.dismissKey(SAVE_ERROR);
  }

  private failed(message: string): void {
    this.host.notices.show({ kind: "error", message });
  }
}
