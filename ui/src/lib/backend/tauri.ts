// The one door to the Rust side: the Tauri implementation of `Backend`. Every command's errors
// arrive as { code, message } and are turned into a typed value here, so views never handle raw
// exceptions. Payload types, and each command's arguments and answer (`Commands`), are generated
// from Rust (src/bindings, by ts-rs).
import { invoke, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { DeliveryEvent } from "../../bindings/DeliveryEvent";
import type { DeskSyncEvent } from "../../bindings/DeskSyncEvent";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { ExportProgress } from "../../bindings/ExportProgress";
import type { Article } from "../../bindings/Article";
import type { ErrorCode } from "../../bindings/ErrorCode";
import type { IpcError } from "../../bindings/IpcError";

import type { Commands } from "../../bindings/Commands";
import type { Backend, IfExists, IpcResult } from "./backend";

type Args<K extends keyof Commands> = Commands[K]["args"];
type Answer<K extends keyof Commands> = Commands[K]["answer"];

/** Calls a command with the arguments its Rust function takes (one `args` struct, or a file's raw
 * bytes), typed by the generated `Commands`: a wrong name, argument or answer is a type error. */
async function call<K extends keyof Commands>(
  command: K,
  ...[args, options]: Args<K> extends null ? [] : [Args<K>, InvokeOptions?]
): Promise<IpcResult<Answer<K>>> {
  const body: InvokeArgs = args === undefined ? {} : args instanceof Uint8Array ? args : { args };
  try {
    return { ok: true, value: await invoke<Answer<K>>(command, body, options) };
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
    listDrafts: (query: string, trash: boolean) => call("list_drafts", { query, trash }),
    createDraft: () => call("create_draft"),
    loadDraft: (id: string) => call("load_draft", { id }),
    saveDraft: (id: string, article: Article, baseVersion: number, explicit: boolean) =>
      call("save_draft", { id, article, base_version: baseVersion, explicit }),
    trashDraft: (id: string) => call("trash_draft", { id }),
    untrashDraft: (id: string) => call("untrash_draft", { id }),
    listRevisions: (id: string) => call("list_revisions", { id }),
    restoreRevision: (id: string, number: number, baseVersion: number) =>
      call("restore_revision", { id, number, base_version: baseVersion }),
    previewAndCheck: (article: Article, sections: string[]) =>
      call("preview_and_check", { article, sections }),
    importSample: () => call("import_sample"),
    /** True when Qalam's own checker serves `language` (else the webview's does). */
    setSpellingLanguage: (language: string) => call("set_spelling_language", { language }),
    useWebviewSpelling: (language: string) => call("use_webview_spelling", { language }),
    checkSpelling: (texts: string[], language: string) =>
      call("check_spelling", { texts, language }),
    suggestSpelling: (word: string, language: string) => call("suggest_spelling", { word, language }),
    /** Sends the file's bytes as a raw body: a photo is not inflated into JSON numbers. */
    addImage: async (file: File) =>
      call("add_image", new Uint8Array(await file.arrayBuffer()), {
        headers: { "x-file-name": encodeURIComponent(file.name) },
      }),
    readImage: (src: string) => call("read_image", { src }),
    exportArticle: (id: string, includeOriginals: boolean, acceptWarnings: boolean, sections: string[]) =>
      call("export_article", { id, include_originals: includeOriginals, accept_warnings: acceptWarnings, sections }),
    cancelExport: () => call("cancel_export"),
    onExportProgress: (handler) => listen<ExportProgress>("export-progress", ({ payload }) => handler(payload)),
    revealExport: (path: string) => call("reveal_export", { path }),
    openLivePost: (id: string) => call("open_live_post", { id }),
    rememberInterfaceLanguage: (language) => call("remember_interface_language", { lang: language }),
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
      call("import_package", new Uint8Array(await file.arrayBuffer()), {
        headers: { "x-file-name": encodeURIComponent(file.name), "x-if-exists": ifExists },
      }),
    getProfile: () => call("get_profile"),
    createProfile: (name, role) => call("create_profile", { name, role }),
    trustSigner: (publicKey, name, role) => call("trust_signer", { public_key: publicKey, name, role }),
    desk: () => call("desk"),
    reviewState: (id) => call("review_state", { id }),
    takeStep: (id, action, note, passphrase) => call("take_step", { id, action, note, passphrase }),
    handoffArticle: (id, passphrase) => call("handoff_article", { id, passphrase }),
    getConflict: (id) => call("get_conflict", { id }),
    resolveConflict: (id, choices, baseVersion) =>
      call("resolve_conflict", { id, choices, base_version: baseVersion }),
    listComments: (id) => call("list_comments", { id }),
    addComment: (id, anchor, text, passphrase) =>
      call("add_comment", { id, anchor, text, passphrase }),
    replyComment: (id, thread, text, passphrase) =>
      call("reply_comment", { id, thread, text, passphrase }),
    resolveComment: (id, thread, resolved, passphrase) =>
      call("resolve_comment", { id, thread, resolved, passphrase }),
    listSuggestions: (id) => call("list_suggestions", { id }),
    suggestChange: (id, anchor, replacement, passphrase) => call("suggest_change", { id, anchor, replacement, passphrase }),
    decideSuggestion: (id, suggestion, decision, passphrase) =>
      call("decide_suggestion", { id, suggestion, decision, passphrase }),
    replySuggestion: (id, suggestion, text, passphrase) => call("reply_suggestion", { id, suggestion, text, passphrase }),
    listNotes: (id) => call("list_notes", { id }),
    addNote: (id, text) => call("add_note", { id, text }),
    diffRevisions: (id, from, to) => call("diff_revisions", { id, from, to }),
    deskStatus: () => call("desk_status"),
    joinDesk: (url, code, caFile, passphrase) =>
      call("join_desk", { url, code, ca_file: caFile, passphrase }),
    leaveDesk: () => call("leave_desk"),
    syncNow: () => call("sync_now"),
    deskLock: (id, takeOver, note) => call("desk_lock", { id, take_over: takeOver, note }),
    onDeskSync: (handler) => listen<DeskSyncEvent>("desk-sync", ({ payload }) => handler(payload)),
    listTargets: () => call("list_targets"),
    addTarget: (t) => call("add_target", { ...t }),
    removeTarget: (name) => call("remove_target", { name }),
    testTarget: (name) => call("test_target", { name }),
    deliverArticle: (id, target, status, at) => call("deliver_article", { id, target, status, at }),
    listDeliveries: (id) => call("list_deliveries", { id }),
    retryDelivery: (delivery) => call("retry_delivery", { delivery }),
    cancelDelivery: (delivery) => call("cancel_delivery", { delivery }),
    recordPublication: (delivery, passphrase) => call("record_publication", { delivery, passphrase }),
    onDelivery: (handler) => listen<DeliveryEvent>("delivery", ({ payload }) => handler(payload)),
    getHouseStyle: () => call("get_house_style"),
    issueHouseStyle: (style, passphrase) => call("issue_house_style", { style, passphrase }),
    tryHouseStyle: (style, text) => call("try_house_style", { style, text }),
  };
}
