// A delivery that made the story public takes the publish step in its record, signed by the
// profile, as `qalam deliver` does: each time a delivery ends the window asks the shell, which
// decides whether a step is due — so nothing is signed, and no passphrase asked, when none is.
import type { Backend, IpcResult } from "../backend/backend";

export interface PublicationHost {
  backend: Backend;
  /** Runs a call that signs, asking for the key file's passphrase when it needs it. */
  signed<T>(call: (passphrase: string | null) => Promise<IpcResult<T>>): Promise<IpcResult<T>>;
  /** The story's record took the publish step: show its state again. */
  published(articleId: string): void;
  onError(message: string): void;
}

/** Listens to the delivery worker for as long as the window lives; resolves to the unsubscribe. */
export function recordPublications(host: PublicationHost): Promise<() => void> {
  return host.backend.onDelivery((event) => {
    if (event.step !== "ended") return;
    void (async () => {
      const result = await host.signed((passphrase) => host.backend.recordPublication(event.id, passphrase));
      if (!result.ok) return host.onError(result.error.message);
      if (result.value) host.published(event.article_id);
    })();
  });
}
