// Handing a story to a colleague without a desk: what is typed is saved first, then the hand-off
// file is written, sealed by the profile's key (asking the key file's passphrase through the
// review store's signing when it needs it), and the notice says where, with a button to show it in
// its folder.
import type { Strings } from "../../i18n";
import type { Backend, IpcResult } from "../backend/backend";
import type { Notices } from "../notices/notices.svelte";

export interface HandoffHost {
  backend: Backend;
  notices: Notices;
  strings(): Strings;
  /** Saves what is pending; false when it could not (the hand-off must carry every word). */
  flush(): Promise<boolean>;
  /** Runs a call that signs, asking for the key file's passphrase when it needs it. */
  signed<T>(call: (passphrase: string | null) => Promise<IpcResult<T>>): Promise<IpcResult<T>>;
}

export async function handOff(host: HandoffHost, id: string): Promise<void> {
  if (!(await host.flush())) return;
  const result = await host.signed((passphrase) => host.backend.handoffArticle(id, passphrase));
  if (!result.ok) {
    host.notices.show({ kind: "error", message: result.error.message });
    return;
  }
  const path = result.value.path;
  host.notices.show({
    kind: "info",
    key: "handoff",
    message: `${host.strings().review.handedOff} ${path}`,
    testid: "handoff-done",
    choices: [{ label: host.strings().openFolder, testid: "handoff-folder", run: () => void host.backend.revealExport(path) }],
  });
}
