import type { Target } from "../../bindings/Target";
import type { DeliveryRow } from "../../bindings/DeliveryRow";
import type { DeliveryEvent } from "../../bindings/DeliveryEvent";
// The one door to the Rust side: the Tauri implementation of `Backend`. Every command's errors
// arrive as { code, message } and are turned into a typed value here, so views never handle raw
// exceptions. Payload types are generated from Rust (src/bindings, by ts-rs).
import { invoke, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { DeskStatusRow } from "../../bindings/DeskStatusRow";
import type { DeskSyncEvent } from "../../bindings/DeskSyncEvent";
import type { LockRow } from "../../bindings/LockRow";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { ExportProgress } from "../../bindings/ExportProgress";
import type { AddedImage } from "../../bindings/AddedImage";
import type { Article } from "../../bindings/Article";
import type { DraftSummary } from "../../bindings/DraftSummary";
import type { ExportReport } from "../../bindings/ExportReport";
import type { ImportedPackageRow } from "../../bindings/ImportedPackageRow";
import type { ErrorCode } from "../../bindings/ErrorCode";
import type { IpcError } from "../../bindings/IpcError";
import type { LoadedDraft } from "../../bindings/LoadedDraft";
import type { PreviewAndCheck } from "../../bindings/PreviewAndCheck";
import type { RevisionRow } from "../../bindings/RevisionRow";
import type { SaveResult } from "../../bindings/SaveResult";
import type { CommentThread } from "../../bindings/CommentThread";
import type { ConflictView } from "../../bindings/ConflictView";
import type { DeskData } from "../../bindings/DeskData";
import type { HandoffRow } from "../../bindings/HandoffRow";
import type { Note } from "../../bindings/Note";
import type { ProfileRow } from "../../bindings/ProfileRow";
import type { ReviewRow } from "../../bindings/ReviewRow";
import type { RevisionDiff } from "../../bindings/RevisionDiff";

import type { Backend, IfExists, IpcResult } from "./backend";

async function call<T>(command: string, args: InvokeArgs, options?: InvokeOptions): Promise<IpcResult<T>> {
  try {
    return { ok: true, value: await invoke<T>(command, args, options) };
  } catch (raw) {
    return { ok: false, error: asIpcError(raw) };
  }
}

const CODES: readonly ErrorCode[] = ["conflict", "already-exists", "invalid-input", "no-profile", "needs-passphrase", "internal", "failed"];

/** Rust's `{ code, message }`, or anything else thrown (a bug) as an internal error. */
function asIpcError(raw: unknown): IpcError {
  if (typeof raw === "object" && raw !== null && "code" in raw && "message" in raw) {
    const code = CODES.find((c) => c === raw.code) ?? "internal";
    return { code, message: String(raw.message) };
  }
  return { code: "internal", message: String(raw) };
}

/** The backend over Tauri's IPC. Messages come back in the interface language the shell holds:
 * the page tells it with `rememberInterfaceLanguage` (at start and on every change), and no
 * command is passed a language. */
export function tauriBackend(): Backend {
  return {
    listDrafts: (query: string, trash: boolean) => call<DraftSummary[]>("list_drafts", { query, trash }),
    createDraft: () => call<LoadedDraft>("create_draft", {}),
    loadDraft: (id: string) => call<LoadedDraft>("load_draft", { id }),
    saveDraft: (id: string, article: Article, baseVersion: number, explicit: boolean) =>
      call<SaveResult>("save_draft", { id, article, baseVersion, explicit }),
    trashDraft: (id: string) => call<null>("trash_draft", { id }),
    untrashDraft: (id: string) => call<null>("untrash_draft", { id }),
    listRevisions: (id: string) => call<RevisionRow[]>("list_revisions", { id }),
    restoreRevision: (id: string, number: number, baseVersion: number) =>
      call<LoadedDraft>("restore_revision", { id, number, baseVersion }),
    previewAndCheck: (article: Article, sections: string[]) =>
      call<PreviewAndCheck>("preview_and_check", { article, sections }),
    importSample: () => call<LoadedDraft>("import_sample", {}),
    /** True when Qalam's own checker serves `language` (else the webview's does). */
    setSpellingLanguage: (language: string) => call<boolean>("set_spelling_language", { language }),
    checkSpelling: (texts: string[], language: string) =>
      call<[number, number][][]>("check_spelling", { texts, language }),
    suggestSpelling: (word: string, language: string) => call<string[]>("suggest_spelling", { word, language }),
    /** Sends the file's bytes as a raw body: a photo is not inflated into JSON numbers. */
    addImage: async (file: File) =>
      call<AddedImage>("add_image", new Uint8Array(await file.arrayBuffer()), {
        headers: { "x-file-name": encodeURIComponent(file.name) },
      }),
    readImage: (src: string) => call<ArrayBuffer>("read_image", { src }),
    exportArticle: (id: string, includeOriginals: boolean, acceptWarnings: boolean, sections: string[]) =>
      call<ExportReport>("export_article", { id, includeOriginals, acceptWarnings, sections }),
    cancelExport: () => call<null>("cancel_export", {}),
    onExportProgress: (handler) => listen<ExportProgress>("export-progress", ({ payload }) => handler(payload)),
    revealExport: (path: string) => call<null>("reveal_export", { path }),
    rememberInterfaceLanguage: (language) => call<null>("remember_interface_language", { lang: language }),
    saveBeforeClosing(save) {
      let requests = 0;
      void getCurrentWindow().onCloseRequested(async (event) => {
        if (++requests > 1) return;
        event.preventDefault();
        if (await save()) await getCurrentWindow().destroy();
      });
    },
    /** The package's bytes go as a raw body, like a picture's. */
    importPackage: async (file: File, ifExists: IfExists) =>
      call<ImportedPackageRow>("import_package", new Uint8Array(await file.arrayBuffer()), {
        headers: { "x-file-name": encodeURIComponent(file.name), "x-if-exists": ifExists },
      }),
    getProfile: () => call<ProfileRow | null>("get_profile", {}),
    createProfile: (name, role) => call<ProfileRow>("create_profile", { name, role }),
    trustSigner: (publicKey, name, role) => call<null>("trust_signer", { publicKey, name, role }),
    desk: () => call<DeskData>("desk", {}),
    reviewState: (id) => call<ReviewRow>("review_state", { id }),
    takeStep: (id, action, note, passphrase) => call<ReviewRow>("take_step", { id, action, note, passphrase }),
    handoffArticle: (id) => call<HandoffRow>("handoff_article", { id }),
    getConflict: (id) => call<ConflictView | null>("get_conflict", { id }),
    resolveConflict: (id, choices, baseVersion) =>
      call<LoadedDraft>("resolve_conflict", { id, choices, baseVersion }),
    listComments: (id) => call<CommentThread[]>("list_comments", { id }),
    addComment: (id, anchor, text, passphrase) =>
      call<CommentThread[]>("add_comment", { id, anchor, text, passphrase }),
    replyComment: (id, thread, text, passphrase) =>
      call<CommentThread[]>("reply_comment", { id, thread, text, passphrase }),
    resolveComment: (id, thread, resolved, passphrase) =>
      call<CommentThread[]>("resolve_comment", { id, thread, resolved, passphrase }),
    listNotes: (id) => call<Note[]>("list_notes", { id }),
    addNote: (id, text) => call<Note[]>("add_note", { id, text }),
    diffRevisions: (id, from, to) => call<RevisionDiff>("diff_revisions", { id, from, to }),
    deskStatus: () => call<DeskStatusRow>("desk_status", {}),
    joinDesk: (url, code, caFile, passphrase) =>
      call<DeskStatusRow>("join_desk", { url, code, caFile, passphrase }),
    leaveDesk: () => call<DeskStatusRow>("leave_desk", {}),
    syncNow: () => call<null>("sync_now", {}),
    deskLock: (id, takeOver, note) => call<LockRow | null>("desk_lock", { id, takeOver, note }),
    onDeskSync: (handler) => listen<DeskSyncEvent>("desk-sync", ({ payload }) => handler(payload)),
    listTargets: () => call<Target[]>("list_targets", {}),
    addTarget: (t) => call<Target>("add_target", { ...t }),
    removeTarget: (name) => call<null>("remove_target", { name }),
    testTarget: (name) => call<string>("test_target", { name }),
    deliverArticle: (id, target, status) => call<DeliveryRow>("deliver_article", { id, target, status }),
    listDeliveries: (id) => call<DeliveryRow[]>("list_deliveries", { id }),
    retryDelivery: (delivery) => call<null>("retry_delivery", { delivery }),
    cancelDelivery: (delivery) => call<null>("cancel_delivery", { delivery }),
    onDelivery: (handler) => listen<DeliveryEvent>("delivery", ({ payload }) => handler(payload)),
  };
}
