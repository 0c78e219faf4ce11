// Where this library stands with the shared desk, as the window shows it: fetched at start and
// after every pass of the sync worker (which runs in Rust and tells the window when it ends).
import type { DeskStatusRow } from "../../bindings/DeskStatusRow";
import type { DeskSyncEvent } from "../../bindings/DeskSyncEvent";
import type { Backend } from "../backend/backend";

/** What the status bar says, in one word for its colour. */
export type SyncLook = "none" | "ok" | "waiting" | "error";

export function lookOf(status: DeskStatusRow | null): SyncLook {
  if (!status?.url) return "none";
  if (status.last_error) return "error";
  if (status.waiting > 0) return "waiting";
  return "ok";
}

export class SyncStore {
  status = $state<DeskStatusRow | null>(null);
  readonly look: SyncLook = $derived(lookOf(this.status));

  constructor(private backend: Backend) {}

  async refresh(): Promise<string | null> {
    const result = await this.backend.deskStatus();
    if (!result.ok) return result.error.message;
    this.status = result.value;
    return null;
  }

  /** Listens for the worker's passes: the status is fetched again, and `passed` hears each. */
  async listen(passed: (event: DeskSyncEvent) => void): Promise<() => void> {
    return this.backend.onDeskSync((event) => {
      void this.refresh();
      passed(event);
    });
  }

  async join(url: string, code: string, caFile: string | null, passphrase: string | null = null): Promise<string | null> {
    const result = await this.backend.joinDesk(url, code, caFile, passphrase);
    if (!result.ok) return result.error.message;
    this.status = result.value;
    return null;
  }

  async leave(): Promise<string | null> {
    const result = await this.backend.leaveDesk();
    if (!result.ok) return result.error.message;
    this.status = result.value;
    return null;
  }

  async syncNow(): Promise<void> {
    await this.backend.syncNow();
  }
}
