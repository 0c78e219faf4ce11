import type { AddTargetArgs } from "../../bindings/AddTargetArgs";
import type { Target } from "../../bindings/Target";
import type { PostStatus } from "../../bindings/PostStatus";
import type { DeliveryRow } from "../../bindings/DeliveryRow";
import type { DeliveryEvent } from "../../bindings/DeliveryEvent";
// What the window asks of Rust, as one interface. The Tauri implementation (tauri.ts) is the only
// code that calls Tauri; the in-memory one (memory.ts) lets components be tested without a webview.
import type { AddedImage } from "../../bindings/AddedImage";
import type { Article } from "../../bindings/Article";
import type { DraftSummary } from "../../bindings/DraftSummary";
import type { ExportProgress } from "../../bindings/ExportProgress";
import type { ExportReport } from "../../bindings/ExportReport";
import type { ImportedPackageRow } from "../../bindings/ImportedPackageRow";
import type { IpcError } from "../../bindings/IpcError";
import type { LoadedDraft } from "../../bindings/LoadedDraft";
import type { PreviewAndCheck } from "../../bindings/PreviewAndCheck";
import type { RevisionRow } from "../../bindings/RevisionRow";
import type { SaveResult } from "../../bindings/SaveResult";
import type { UiLang } from "../../bindings/UiLang";
import type { Action } from "../../bindings/Action";
import type { Anchor } from "../../bindings/Anchor";
import type { CommentThread } from "../../bindings/CommentThread";
import type { Suggestion } from "../../bindings/Suggestion";
import type { SuggestionDecision } from "../../bindings/SuggestionDecision";
import type { ConflictView } from "../../bindings/ConflictView";
import type { DeskData } from "../../bindings/DeskData";
import type { HandoffRow } from "../../bindings/HandoffRow";
import type { Note } from "../../bindings/Note";
import type { ProfileRow } from "../../bindings/ProfileRow";
import type { ReviewRow } from "../../bindings/ReviewRow";
import type { RevisionDiff } from "../../bindings/RevisionDiff";
import type { Role } from "../../bindings/Role";
import type { Side } from "../../bindings/Side";
import type { DeskStatusRow } from "../../bindings/DeskStatusRow";
import type { DeskSyncEvent } from "../../bindings/DeskSyncEvent";
import type { LockRow } from "../../bindings/LockRow";
import type { HouseStyle } from "../../bindings/HouseStyle";
import type { HouseStyleRow } from "../../bindings/HouseStyleRow";
import type { StyleHitRow } from "../../bindings/StyleHitRow";

/** A command's answer: its value, or Rust's `{ code, message }` — never a thrown exception. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export type IfExists = "ask" | "keep-both" | "replace";

export interface Backend {
  listDrafts(query: string, trash: boolean): Promise<IpcResult<DraftSummary[]>>;
  createDraft(): Promise<IpcResult<LoadedDraft>>;
  loadDraft(id: string): Promise<IpcResult<LoadedDraft>>;
  saveDraft(id: string, article: Article, baseVersion: number, explicit: boolean): Promise<IpcResult<SaveResult>>;
  trashDraft(id: string): Promise<IpcResult<null>>;
  untrashDraft(id: string): Promise<IpcResult<null>>;
  listRevisions(id: string): Promise<IpcResult<RevisionRow[]>>;
  restoreRevision(id: string, number: number, baseVersion: number): Promise<IpcResult<LoadedDraft>>;
  previewAndCheck(article: Article, sections: string[]): Promise<IpcResult<PreviewAndCheck>>;
  importSample(): Promise<IpcResult<LoadedDraft>>;
  /** True when Qalam's own checker serves `language` (else the webview's does). */
  setSpellingLanguage(language: string): Promise<IpcResult<boolean>>;
  /** Switches the webview's own checker on in `language`, for the form's short fields. */
  useWebviewSpelling(language: string): Promise<IpcResult<null>>;
  checkSpelling(texts: string[], language: string): Promise<IpcResult<[number, number][][]>>;
  suggestSpelling(word: string, language: string): Promise<IpcResult<string[]>>;
  addImage(file: File): Promise<IpcResult<AddedImage>>;
  readImage(src: string): Promise<IpcResult<ArrayBuffer>>;
  exportArticle(id: string, includeOriginals: boolean, acceptWarnings: boolean, sections: string[]): Promise<IpcResult<ExportReport>>;
  cancelExport(): Promise<IpcResult<null>>;
  /** Calls `handler` with each picture done while an export runs; resolves to the unsubscribe. */
  onExportProgress(handler: (progress: ExportProgress) => void): Promise<() => void>;
  revealExport(path: string): Promise<IpcResult<null>>;
  /** Opens the story's live post in the system's browser. */
  openLivePost(id: string): Promise<IpcResult<null>>;
  importPackage(file: File, ifExists: IfExists): Promise<IpcResult<ImportedPackageRow>>;
  /** Runs `save` before the window closes; the window closes if it succeeds. Should it fail, a
   * second close request goes through, so a broken disk cannot trap the user in the window. */
  saveBeforeClosing(save: () => Promise<boolean>): void;
  /** Remembers the interface language for the dialogs the system draws (from the next start). */
  rememberInterfaceLanguage(lang: UiLang): Promise<IpcResult<null>>;

  // The review workflow. Steps that sign take the key file's passphrase when the profile has one.
  getProfile(): Promise<IpcResult<ProfileRow | null>>;
  createProfile(name: string, role: Role): Promise<IpcResult<ProfileRow>>;
  /** Trusts a key whose steps arrived in a hand-off, after the user checked its fingerprint. */
  trustSigner(publicKey: string, name: string, role: Role): Promise<IpcResult<null>>;
  desk(): Promise<IpcResult<DeskData>>;
  reviewState(id: string): Promise<IpcResult<ReviewRow>>;
  takeStep(id: string, action: Action, note: string | null, passphrase: string | null): Promise<IpcResult<ReviewRow>>;
  /** Writes the story's hand-off, sealed by the profile's key (its passphrase when in a key file). */
  handoffArticle(id: string, passphrase: string | null): Promise<IpcResult<HandoffRow>>;
  getConflict(id: string): Promise<IpcResult<ConflictView | null>>;
  resolveConflict(id: string, choices: Side[], baseVersion: number): Promise<IpcResult<LoadedDraft>>;
  listComments(id: string): Promise<IpcResult<CommentThread[]>>;
  addComment(id: string, anchor: Anchor, text: string, passphrase: string | null): Promise<IpcResult<CommentThread[]>>;
  replyComment(id: string, thread: string, text: string, passphrase: string | null): Promise<IpcResult<CommentThread[]>>;
  resolveComment(id: string, thread: string, resolved: boolean, passphrase: string | null): Promise<IpcResult<CommentThread[]>>;
  listSuggestions(id: string): Promise<IpcResult<Suggestion[]>>;
  suggestChange(id: string, anchor: Anchor, replacement: string, passphrase: string | null): Promise<IpcResult<Suggestion[]>>;
  /** Accepts, rejects or withdraws one suggestion, or (`suggestion` null) accepts or rejects every open one. */
  decideSuggestion(id: string, suggestion: string | null, decision: SuggestionDecision, passphrase: string | null): Promise<IpcResult<Suggestion[]>>;
  replySuggestion(id: string, suggestion: string, text: string, passphrase: string | null): Promise<IpcResult<Suggestion[]>>;
  listNotes(id: string): Promise<IpcResult<Note[]>>;
  addNote(id: string, text: string): Promise<IpcResult<Note[]>>;
  diffRevisions(id: string, from: number, to: number): Promise<IpcResult<RevisionDiff>>;

  // The shared desk: the sync worker runs in Rust; the window shows its state and asks it to go.
  deskStatus(): Promise<IpcResult<DeskStatusRow>>;
  /** Joins a desk; `passphrase`: the key file's, if the profile's key is in one (joining signs the desk's challenge). */
  joinDesk(url: string, code: string, caFile: string | null, passphrase: string | null): Promise<IpcResult<DeskStatusRow>>;
  leaveDesk(): Promise<IpcResult<DeskStatusRow>>;
  syncNow(): Promise<IpcResult<null>>;
  /** Who is editing story `id` on the desk; an editor opening a story in review takes the lock. */
  deskLock(id: string, takeOver: boolean, note: string | null): Promise<IpcResult<LockRow | null>>;
  /** Calls `handler` after each sync pass; resolves to the unsubscribe. */
  onDeskSync(handler: (event: DeskSyncEvent) => void): Promise<() => void>;

  // Delivery to CMSs: the worker sends in Rust; the window queues, shows, retries and cancels.
  listTargets(): Promise<IpcResult<Target[]>>;
  /** The secret goes to the keychain. */
  addTarget(target: AddTargetArgs): Promise<IpcResult<Target>>;
  removeTarget(name: string): Promise<IpcResult<null>>;
  testTarget(name: string): Promise<IpcResult<string>>;
  /** `at`: schedule — a local time in the publication's zone (`2026-12-07T06:00`). */
  deliverArticle(id: string, target: string, status: PostStatus | null, at: string | null): Promise<IpcResult<DeliveryRow>>;
  listDeliveries(id: string | null): Promise<IpcResult<DeliveryRow[]>>;
  retryDelivery(delivery: number): Promise<IpcResult<null>>;
  cancelDelivery(delivery: number): Promise<IpcResult<null>>;
  /** After a delivery ended: the publish step it made due, signed; whether one was taken. */
  recordPublication(delivery: number, passphrase: string | null): Promise<IpcResult<boolean>>;
  /** Calls `handler` at each step of a delivery; resolves to the unsubscribe. */
  onDelivery(handler: (event: DeliveryEvent) => void): Promise<() => void>;

  // The house style: the rules and publication settings; a chief tries a draft and issues it.
  getHouseStyle(): Promise<IpcResult<HouseStyleRow>>;
  issueHouseStyle(style: HouseStyle, passphrase: string | null): Promise<IpcResult<HouseStyleRow>>;
  tryHouseStyle(style: HouseStyle, text: string): Promise<IpcResult<StyleHitRow[]>>;
}
