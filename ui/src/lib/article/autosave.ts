// Autosave: the working copy is saved 1 s after typing stops, on blur, before switching drafts and
// before the window closes — always through the core's conflict check. A failed save keeps the
// text in the editor and is retried; a conflict stops autosave until the user chooses.
import type { Article } from "../../bindings/Article";
import type { SaveResult } from "../../bindings/SaveResult";
import type { IpcResult } from "../backend/backend";

export type SaveState = "saved" | "saving" | "unsaved" | "error" | "conflict";

export interface AutosaveDeps {
  save(article: Article, baseVersion: number, explicit: boolean): Promise<IpcResult<SaveResult>>;
  snapshot(): Article;
  onState(state: SaveState, detail?: string): void;
  onSaved(result: SaveResult): void;
}

export const AUTOSAVE_DELAY_MS = 1000;
const RETRY_MS = 3000;

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private inFlight: Promise<void> | null = null;
  private conflicted = false;

  constructor(private deps: AutosaveDeps, private version: number) {}

  get currentVersion(): number {
    return this.version;
  }

  /** Called on every edit. */
  changed(): void {
    this.dirty = true;
    if (this.conflicted) return;
    this.deps.onState("unsaved");
    this.schedule(AUTOSAVE_DELAY_MS);
  }

  /** Saves now if anything is pending (blur, switching drafts, closing). */
  async flush(explicit = false): Promise<boolean> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (this.conflicted) return false;
    if (!this.dirty && !explicit) return true;
    this.inFlight = this.run(explicit);
    await this.inFlight;
    this.inFlight = null;
    return !this.dirty;
  }

  /** Stops all saving (the draft is being replaced after a flush). */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private async run(explicit: boolean): Promise<void> {
    this.dirty = false;
    this.deps.onState("saving");
    const result = await this.deps.save(this.deps.snapshot(), this.version, explicit);
    if (result.ok) {
      this.version = result.value.version;
      this.deps.onSaved(result.value);
      this.deps.onState(this.dirty ? "unsaved" : "saved");
      if (this.dirty) this.schedule(AUTOSAVE_DELAY_MS);
      return;
    }
    // Whatever failed, the text is still pending: it stays in the editor and counts as unsaved.
    this.dirty = true;
    if (result.error.code === "conflict") {
      this.conflicted = true;
      this.deps.onState("conflict", result.error.message);
      return;
    }
    this.deps.onState("error", result.error.message);
    this.schedule(RETRY_MS);
  }
}
