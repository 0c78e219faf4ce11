// The drafts list as state: what the sidebar shows (the library or its trash, all or a search),
// fetched from the backend; a save updates its own row instead of fetching the whole list again.
import type { DraftSummary } from "../../bindings/DraftSummary";
import type { Backend } from "../backend/backend";

export class DraftList {
  items = $state<DraftSummary[]>([]);
  trash = $state(false);
  query = $state("");
  /** Why the library could not answer, if it could not. */
  failure = $state<string | null>(null);
  /** True once the first answer came (an empty library is known, not assumed). */
  loaded = $state(false);

  constructor(private backend: Backend) {}

  /** Fetches the list; returns it, or null when the library could not answer. */
  async refresh(): Promise<DraftSummary[] | null> {
    const result = await this.backend.listDrafts(this.query, this.trash);
    this.loaded = true;
    if (!result.ok) {
      this.failure = result.error.message;
      return null;
    }
    this.failure = null;
    this.items = result.value;
    return result.value;
  }

  /** After a save: the row takes its new title and time and moves to the top (newest first).
   * A search or the trash, whose rows depend on more than that, is fetched again. */
  touch(id: string, title: string, updatedLabel: string): void {
    const at = this.items.findIndex((d) => d.id === id);
    if (this.trash || this.query || at < 0) {
      void this.refresh();
      return;
    }
    const row = { ...this.items[at], title, updated_label: updatedLabel };
    this.items = [row, ...this.items.slice(0, at), ...this.items.slice(at + 1)];
  }
}
