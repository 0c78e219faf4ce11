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
import type { UiLang } from "../../bindings/UiLang";
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

/** The backend over Tauri's IPC; every message comes back in the language `lang` names. */
export function tauriBackend(lang: () => UiLang): Backend {
  return {
    listDrafts: (query: string, trash: boolean) => call<DraftSummary[]>("list_drafts", { query, trash, lang: lang() }),
    createDraft: () => call<LoadedDraft>("create_draft", { lang: lang() }),
    loadDraft: (id: string) => call<LoadedDraft>("load_draft", { id, lang: lang() }),
    saveDraft: (id: string, article: Article, baseVersion: number, explicit: boolean) =>
      call<SaveResult>("save_draft", { id, article, baseVersion, explicit, lang: lang() }),
    trashDraft: (id: string) => call<null>("trash_draft", { id, lang: lang() }),
    untrashDraft: (id: string) => call<null>("untrash_draft", { id, lang: lang() }),
    listRevisions: (id: string) => call<RevisionRow[]>("list_revisions", { id, lang: lang() }),
    restoreRevision: (id: string, number: number, baseVersion: number) =>
      call<LoadedDraft>("restore_revision", { id, number, baseVersion, lang: lang() }),
    previewAndCheck: (article: Article, sections: string[]) =>
      call<PreviewAndCheck>("preview_and_check", { article, sections, lang: lang() }),
    importSample: () => call<LoadedDraft>("import_sample", { lang: lang() }),
    /** True when Qalam's own checker serves `language` (else the webview's does). */
    setSpellingLanguage: (language: string) => call<boolean>("set_spelling_language", { language, lang: lang() }),
    checkSpelling: (texts: string[], language: string) =>
      call<[number, number][][]>("check_spelling", { texts, language, lang: lang() }),
    suggestSpelling: (word: string, language: string) => call<string[]>("suggest_spelling", { word, language, lang: lang() }),
    /** Sends the file's bytes as a raw body: a photo is not inflated into JSON numbers. */
    addImage: async (file: File) =>
      call<AddedImage>("add_image", new Uint8Array(await file.arrayBuffer()), {
        headers: { "x-file-name": encodeURIComponent(file.name), "x-lang": lang() },
      }),
    readImage: (src: string) => call<ArrayBuffer>("read_image", { src, lang: lang() }),
    exportArticle: (id: string, includeOriginals: boolean, acceptWarnings: boolean, sections: string[]) =>
      call<ExportReport>("export_article", { id, includeOriginals, acceptWarnings, sections, lang: lang() }),
    cancelExport: () => call<null>("cancel_export", {}),
    onExportProgress: (handler) => listen<ExportProgress>("export-progress", ({ payload }) => handler(payload)),
    revealExport: (path: string) => call<null>("reveal_export", { path, lang: lang() }),
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
        headers: { "x-file-name": encodeURIComponent(file.name), "x-if-exists": ifExists, "x-lang": lang() },
      }),
    getProfile: () => call<ProfileRow | null>("get_profile", { lang: lang() }),
    createProfile: (name, role) => call<ProfileRow>("create_profile", { name, role, lang: lang() }),
    trustSigner: (publicKey, name, role) => call<null>("trust_signer", { publicKey, name, role, lang: lang() }),
    desk: () => call<DeskData>("desk", { lang: lang() }),
    reviewState: (id) => call<ReviewRow>("review_state", { id, lang: lang() }),
    takeStep: (id, action, note, passphrase) => call<ReviewRow>("take_step", { id, action, note, passphrase, lang: lang() }),
    handoffArticle: (id) => call<HandoffRow>("handoff_article", { id, lang: lang() }),
    getConflict: (id) => call<ConflictView | null>("get_conflict", { id, lang: lang() }),
    resolveConflict: (id, choices, baseVersion) =>
      call<LoadedDraft>("resolve_conflict", { id, choices, baseVersion, lang: lang() }),
    listComments: (id) => call<CommentThread[]>("list_comments", { id, lang: lang() }),
    addComment: (id, anchor, text, passphrase) =>
      call<CommentThread[]>("add_comment", { id, anchor, text, passphrase, lang: lang() }),
    replyComment: (id, thread, text, passphrase) =>
      call<CommentThread[]>("reply_comment", { id, thread, text, passphrase, lang: lang() }),
    resolveComment: (id, thread, resolved, passphrase) =>
      call<CommentThread[]>("resolve_comment", { id, thread, resolved, passphrase, lang: lang() }),
    listNotes: (id) => call<Note[]>("list_notes", { id, lang: lang() }),
    addNote: (id, text) => call<Note[]>("add_note", { id, text, lang: lang() }),
    diffRevisions: (id, from, to) => call<RevisionDiff>("diff_revisions", { id, from, to, lang: lang() }),
    deskStatus: () => call<DeskStatusRow>("desk_status", { lang: lang() }),
    joinDesk: (url, code, caFile, passphrase) =>
      call<DeskStatusRow>("join_desk", { url, code, caFile, passphrase, lang: lang() }),
    leaveDesk: () => call<DeskStatusRow>("leave_desk", { lang: lang() }),
    syncNow: () => call<null>("sync_now", {}),
    deskLock: (id, takeOver, note) => call<LockRow | null>("desk_lock", { id, takeOver, note, lang: lang() }),
    onDeskSync: (handler) => listen<DeskSyncEvent>("desk-sync", ({ payload }) => handler(payload)),
    listTargets: () => call<Target[]>("list_targets", { lang: lang() }),
    addTarget: (t) => call<Target>("add_target", { ...t, lang: lang() }),
    removeTarget: (name) => call<null>("remove_target", { name, lang: lang() }),
    testTarget: (name) => call<string>("test_target", { name, lang: lang() }),
    deliverArticle: (id, target, status) => call<DeliveryRow>("deliver_article", { id, target, status, lang: lang() }),
    listDeliveries: (id) => call<DeliveryRow[]>("list_deliveries", { id, lang: lang() }),
    retryDelivery: (delivery) => call<null>("retry_delivery", { delivery, lang: lang() }),
    cancelDelivery: (delivery) => call<null>("cancel_delivery", { delivery, lang: lang() }),
    onDelivery: (handler) => listen<DeliveryEvent>("delivery", ({ payload }) => handler(payload)),
  };
}
