// Taking a package or a colleague's hand-off into the library, as the window does it: an article
// already here asks whether to keep both or replace; what arrived is opened and said; events that
// do not count here are counted out loud; and each unknown signer is offered to be trusted — the
// user's decision, made after checking the fingerprint with them.
import type { ImportedPackageRow } from "../../bindings/ImportedPackageRow";
import type { Role } from "../../bindings/Role";
import type { Strings } from "../../i18n";
import type { Backend, IfExists } from "../backend/backend";
import type { Notices } from "../notices/notices.svelte";
import { groupedFingerprint } from "../review/fingerprint";

export interface ImportHost {
  backend: Backend;
  notices: Notices;
  strings(): Strings;
  /** Shows the story that arrived in the editor. */
  open(id: string): Promise<void>;
  /** Shows again whatever a newly trusted key changes: the open story's record, the list, the desk. */
  trusted(): Promise<void>;
  onError(message: string): void;
}

export async function importPackage(host: ImportHost, file: File, ifExists: IfExists): Promise<void> {
  const t = host.strings();
  const result = await host.backend.importPackage(file, ifExists);
  if (!result.ok && result.error.code === "already-exists") {
    host.notices.show({
      kind: "decision",
      key: "import",
      message: result.error.message,
      choices: [
        { label: t.keepBoth, testid: "import-keep-both", run: () => void importPackage(host, file, "keep-both") },
        { label: t.replace, testid: "import-replace", run: () => void importPackage(host, file, "replace") },
        { label: t.cancel, testid: "import-cancel", run: () => {} },
      ],
    });
    return;
  }
  if (!result.ok) return host.onError(result.error.message);
  await host.open(result.value.id);
  say(host, result.value);
}

/** What the window says once the story is open. */
function say(host: ImportHost, imported: ImportedPackageRow): void {
  const t = host.strings();
  // A hand-off names its sender by the key that sealed it: trusted, removed from the desk (said
  // as a warning), or unknown (the first of the unknown signers below, offered to be trusted).
  const by = imported.handed_by;
  const message = by?.standing === "trusted" ? t.review.handedOverBy(imported.title, by.name) : t.imported(imported.title);
  host.notices.show({ kind: "info", key: "import", message, testid: "import-done" });
  if (by?.name_belongs_to) {
    host.notices.show({ kind: "error", key: "sender-impostor", message: t.review.sealedByImpostor(by.name), testid: "sender-impostor" });
  }
  if (by?.standing === "removed") {
    host.notices.show({ kind: "error", key: "sender-removed", message: t.review.sealedByRemoved(by.name), testid: "sender-removed" });
  }
  if (imported.handoff === "conflict") host.notices.show({ kind: "error", key: "handoff-conflict", message: t.review.inConflict });
  if (imported.not_counting > 0) {
    host.notices.show({ kind: "error", key: "not-counting", message: t.review.record.notCounting(imported.not_counting), testid: "not-counting" });
  }
  for (const signer of imported.unknown_signers) {
    const trust = (role: Role) => async () => {
      const trusted = await host.backend.trustSigner(signer.public_key, signer.claimed_name, role);
      if (!trusted.ok) return host.onError(trusted.error.message);
      host.notices.dismissKey("not-counting");
      await host.trusted();
    };
    host.notices.show({
      kind: "decision",
      key: `trust-${signer.fingerprint}`,
      message: t.review.record.unknownSigner(signer.claimed_name, groupedFingerprint(signer.fingerprint)),
      testid: "unknown-signer",
      choices: [
        { label: t.review.record.trustAs.journalist, testid: "trust-journalist", run: () => void trust("journalist")() },
        { label: t.review.record.trustAs.editor, testid: "trust-editor", run: () => void trust("editor")() },
        { label: t.review.record.notNow, testid: "trust-not-now", run: () => {} },
      ],
    });
  }
}
