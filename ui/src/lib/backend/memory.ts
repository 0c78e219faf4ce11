import type { HandedBy } from "../../bindings/HandedBy";
import type { PostStatus } from "../../bindings/PostStatus";
import type { Target } from "../../bindings/Target";
import type { DeliveryRow } from "../../bindings/DeliveryRow";
import type { DeliveryEvent } from "../../bindings/DeliveryEvent";
// An in-memory `Backend` for component tests: drafts with versions (a stale save is a conflict,
// as in the library), trash and revisions, plain search over titles. It holds what the tests
// put in; it does not imitate Rust's renderer, checker or packages, and says so when asked.
import type { Article } from "../../bindings/Article";
import type { DraftSummary } from "../../bindings/DraftSummary";
import type { LoadedDraft } from "../../bindings/LoadedDraft";
import type { RevisionRow } from "../../bindings/RevisionRow";
import type { CommentThread } from "../../bindings/CommentThread";
import type { Suggestion } from "../../bindings/Suggestion";
import type { SuggestionDecision } from "../../bindings/SuggestionDecision";
import type { DeskCard } from "../../bindings/DeskCard";
import type { Note } from "../../bindings/Note";
import type { ProfileRow } from "../../bindings/ProfileRow";
import type { Role } from "../../bindings/Role";
import type { DeskStatusRow } from "../../bindings/DeskStatusRow";
import type { DeskSyncEvent } from "../../bindings/DeskSyncEvent";
import type { LockRow } from "../../bindings/LockRow";
import type { Anchor } from "../../bindings/Anchor";
import type { ImportedPackageRow } from "../../bindings/ImportedPackageRow";
import type { AddTargetArgs } from "../../bindings/AddTargetArgs";
import type { HouseStyle } from "../../bindings/HouseStyle";
import type { HouseStyleRow } from "../../bindings/HouseStyleRow";
import type { Backend, IfExists, IpcResult } from "./backend";

interface Stored {
  id: string;
  version: number;
  article: Article;
  trashed: boolean;
  updated: number;
  revisions: { article: Article; kind: RevisionRow["kind"] }[];
}

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const failed = <T>(message: string): IpcResult<T> => ({ ok: false, error: { code: "failed", message } });

export function emptyArticle(title = ""): Article {
  return {
    meta: {
      id: null, title, kicker: null, standfirst: null, category: null, tags: [], byline: null, dateline: null,
      date: null, language: "ar", hero: null, related: [], image_credits: [], extra: [],
    },
    body: [],
  } as Article;
}

export class MemoryBackend implements Backend {
  private drafts = new Map<string, Stored>();
  private clock = 0;
  private nextId = 1;
  /** Every call by name, for tests that check what was asked. */
  readonly calls: string[] = [];

  /** Adds a draft as if it had been saved at this point; returns its id. */
  add(title: string, trashed = false): string {
    const id = `D${String(this.nextId++).padStart(3, "0")}`;
    this.drafts.set(id, { id, version: 1, article: emptyArticle(title), trashed, updated: ++this.clock, revisions: [] });
    return id;
  }

  private loaded(d: Stored): LoadedDraft {
    return { id: d.id, version: d.version, article: d.article, updated_label: `t${d.updated}` };
  }

  private summary(d: Stored): DraftSummary {
    return { id: d.id, title: d.article.meta.title, status: "draft", updated_label: `t${d.updated}`, snippet: null };
  }

  async listDrafts(query: string, trash: boolean) {
    this.calls.push("listDrafts");
    const rows = [...this.drafts.values()]
      .filter((d) => d.trashed === trash && d.article.meta.title.includes(query.trim()))
      .sort((a, b) => b.updated - a.updated)
      .map((d) => this.summary(d));
    return ok(rows);
  }
  async createDraft() {
    this.calls.push("createDraft");
    return ok(this.loaded(this.drafts.get(this.add(""))!));
  }
  async loadDraft(id: string) {
    this.calls.push("loadDraft");
    const d = this.drafts.get(id);
    return d ? ok(this.loaded(d)) : failed<LoadedDraft>(`no article with id ${id}`);
  }
  async saveDraft(id: string, article: Article, baseVersion: number, explicit: boolean) {
    this.calls.push("saveDraft");
    const d = this.drafts.get(id);
    if (!d) return failed<never>(`no article with id ${id}`);
    if (d.version !== baseVersion) {
      return { ok: false as const, error: { code: "conflict" as const, message: `changed elsewhere (version ${d.version})` } };
    }
    d.version += 1;
    d.article = article;
    d.updated = ++this.clock;
    if (explicit) d.revisions.push({ article, kind: "save" });
    return ok({ version: d.version, revision: explicit ? d.revisions.length : null, written: true, updated_label: `t${d.updated}` });
  }
  private setTrashed(id: string, trashed: boolean): IpcResult<null> {
    this.calls.push(trashed ? "trashDraft" : "untrashDraft");
    const d = this.drafts.get(id);
    if (!d) return failed<null>(`no article with id ${id}`);
    d.trashed = trashed;
    return ok(null);
  }
  async trashDraft(id: string) {
    return this.setTrashed(id, true);
  }
  async untrashDraft(id: string) {
    return this.setTrashed(id, false);
  }
  async listRevisions(id: string) {
    this.calls.push("listRevisions");
    const d = this.drafts.get(id);
    return ok(
      (d?.revisions ?? []).map((r, i) => ({ number: i + 1, kind: r.kind, title: r.article.meta.title, created_label: "" })).reverse(),
    );
  }
  async restoreRevision(id: string, number: number, baseVersion: number) {
    this.calls.push("restoreRevision");
    const d = this.drafts.get(id);
    const revision = d?.revisions[number - 1];
    if (!d || !revision) return failed<LoadedDraft>(`no revision ${number}`);
    const saved = await this.saveDraft(id, revision.article, baseVersion, false);
    return saved.ok ? ok(this.loaded(d)) : (saved as IpcResult<never>);
  }
  async importSample() {
    this.calls.push("importSample");
    return ok(this.loaded(this.drafts.get(this.add("قوات أميركية تغادر سوريا"))!));
  }
  async previewAndCheck(article: Article) {
    this.calls.push("previewAndCheck");
    return ok({ html: "", findings: [], words: article.body.length, reading_minutes: 1, date_label: null });
  }
  async setSpellingLanguage() {
    return ok(false);
  }
  async useWebviewSpelling(language: string) {
    this.calls.push(`useWebviewSpelling ${language}`);
    return ok(null);
  }
  async checkSpelling(texts: string[]) {
    return ok(texts.map(() => [] as [number, number][]));
  }
  async suggestSpelling() {
    return ok([] as string[]);
  }
  async addImage() {
    return failed<never>("the in-memory backend keeps no pictures");
  }
  async readImage() {
    return failed<ArrayBuffer>("the in-memory backend keeps no pictures");
  }
  async exportArticle() {
    return failed<never>("the in-memory backend makes no packages");
  }
  async cancelExport() {
    return ok(null);
  }
  async onExportProgress() {
    return () => {};
  }
  async revealExport() {
    return ok(null);
  }
  async openLivePost(id: string) {
    this.calls.push(`openLivePost ${id}`);
    return ok(null);
  }
  /** Packages the tests put in, by file name: what the library would find inside each. */
  readonly packages = new Map<
    string,
    { id: string; title: string; unknownSigners?: ImportedPackageRow["unknown_signers"]; notCounting?: number; handedBy?: HandedBy }
  >();
  async importPackage(file: File, ifExists: IfExists) {
    this.calls.push(`importPackage:${ifExists}`);
    const inside = this.packages.get(file.name);
    if (!inside) return failed<never>("the in-memory backend reads only the packages a test put in");
    let id = inside.id;
    let outcome: ImportedPackageRow["outcome"] = "created";
    if (this.drafts.has(id)) {
      if (ifExists === "ask") return { ok: false as const, error: { code: "already-exists" as const, message: `«${inside.title}» is here already` } };
      outcome = ifExists === "keep-both" ? "kept-both" : "replaced";
      if (ifExists === "keep-both") id = `${id}-copy`;
    }
    this.drafts.set(id, { id, version: 1, article: emptyArticle(inside.title), trashed: false, updated: ++this.clock, revisions: [] });
    return ok<ImportedPackageRow>({
      id, title: inside.title, outcome, handoff: inside.handedBy ? "created" : null,
      not_counting: inside.notCounting ?? 0, unknown_signers: inside.unknownSigners ?? [], handed_by: inside.handedBy ?? null,
    });
  }
  saveBeforeClosing() {}
  async rememberInterfaceLanguage() {
    return ok(null);
  }

  // The review workflow: a profile, desk cards the tests set, private notes, and comments signed
  // when the test gives the profile a key file's passphrase.
  profile: ProfileRow | null = null;
  deskCards: DeskCard[] = [];
  private notes = new Map<string, Note[]>();

  async getProfile() {
    return ok(this.profile);
  }
  async trustSigner() {
    this.calls.push("trustSigner");
    return ok(null);
  }
  async createProfile(name: string, role: Role) {
    this.calls.push("createProfile");
    this.profile = { name, role, fingerprint: "0000 0000 0000 0000 0000 0000 0000 0000", needs_passphrase: false };
    return ok(this.profile);
  }
  async desk() {
    this.calls.push("desk");
    return ok({ cards: this.deskCards, profile: this.profile, scheduled_labels: {} });
  }
  async reviewState() {
    return ok({
      status: "draft" as const, allowed: [], needs_note: [], approval: null, edited_since_approval: false, in_conflict: false,
      latest_revision: 1, since_submitted: null, since_approval: null, history: [], suggest_by_default: false,
    });
  }
  async takeStep() {
    return failed<never>("the in-memory backend signs nothing");
  }
  /** Writes nothing: answers where the hand-off file of a known article would be, once it could
   * be sealed (a profile, and its key file's passphrase when the test gives it one). */
  async handoffArticle(id: string, passphrase: string | null) {
    this.calls.push("handoffArticle");
    if (!this.drafts.has(id)) return failed<never>(`no article with id ${id}`);
    if (!this.profile) return { ok: false as const, error: { code: "no-profile" as const, message: "create your profile first" } };
    return this.keyRefuses(passphrase) ?? ok({ path: `/handoffs/${id}.qalam-handoff` });
  }
  async getConflict() {
    return ok(null);
  }
  async resolveConflict() {
    return failed<never>("the in-memory backend keeps no conflicts");
  }
  /** The key file's passphrase, when a test gives the profile one: comments are then signed
   * (kept here as threads); without the right passphrase the answer is `needs-passphrase`, as the
   * core's. Steps stay refused: their rules are the core's alone. */
  keyPassphrase: string | null = null;
  private threads = new Map<string, CommentThread[]>();

  private sign<T>(passphrase: string | null, then: () => T): IpcResult<T> {
    if (this.keyPassphrase === null) return failed<never>("the in-memory backend signs nothing");
    return this.keyRefuses(passphrase) ?? ok(then());
  }

  /** The core's answer when the key file's passphrase is wrong or missing; null when the key opens
   * (no key file passphrase given by the test, or the right one). */
  private keyRefuses(passphrase: string | null): IpcResult<never> | null {
    if (this.keyPassphrase === null || passphrase === this.keyPassphrase) return null;
    return { ok: false, error: { code: "needs-passphrase", message: "the key file's passphrase is needed" } };
  }

  private entry(text: string) {
    return { author: this.profile?.name ?? "", fingerprint: "00000000000000000000000000000000", time: ++this.clock, text };
  }

  async listComments(id: string) {
    return ok(this.threads.get(id) ?? []);
  }
  async addComment(id: string, anchor: Anchor, text: string, passphrase: string | null) {
    this.calls.push("addComment");
    return this.sign(passphrase, () => {
      const list = [...(this.threads.get(id) ?? [])];
      list.push({ id: `C${list.length + 1}`, anchor, located: null, resolved: false, comments: [this.entry(text)] });
      this.threads.set(id, list);
      return list;
    });
  }
  async replyComment(id: string, thread: string, text: string, passphrase: string | null) {
    this.calls.push("replyComment");
    return this.sign(passphrase, () => {
      const list = (this.threads.get(id) ?? []).map((t) => (t.id === thread ? { ...t, comments: [...t.comments, this.entry(text)] } : t));
      this.threads.set(id, list);
      return list;
    });
  }
  async resolveComment(id: string, thread: string, resolved: boolean, passphrase: string | null) {
    this.calls.push("resolveComment");
    return this.sign(passphrase, () => {
      const list = (this.threads.get(id) ?? []).map((t) => (t.id === thread ? { ...t, resolved } : t));
      this.threads.set(id, list);
      return list;
    });
  }
  // Suggestions are kept as listed; applying an accepted one to the text is the core's alone.
  private suggestionLists = new Map<string, Suggestion[]>();
  async listSuggestions(id: string) {
    return ok(this.suggestionLists.get(id) ?? []);
  }
  async suggestChange(id: string, anchor: Anchor, replacement: string, passphrase: string | null) {
    this.calls.push("suggestChange");
    return this.sign(passphrase, () => {
      const list = [...(this.suggestionLists.get(id) ?? [])];
      const by = this.entry("");
      list.push({
        id: `S${list.length + 1}`, anchor, replacement, status: "open", located: [anchor.start, anchor.end],
        by: by.author, fingerprint: by.fingerprint, time: by.time, decided: null, overruled: null, replies: [],
      });
      this.suggestionLists.set(id, list);
      return list;
    });
  }
  async decideSuggestion(id: string, suggestion: string | null, decision: SuggestionDecision, passphrase: string | null) {
    this.calls.push(`decideSuggestion:${decision}`);
    const status = ({ accept: "accepted", reject: "rejected", withdraw: "withdrawn" } as const)[decision];
    return this.sign(passphrase, () => {
      const list = (this.suggestionLists.get(id) ?? []).map((x) =>
        (suggestion === null ? x.status === "open" : x.id === suggestion)
          ? { ...x, status, decided: { status, by: this.profile?.name ?? "", time: ++this.clock, revision: 1 } }
          : x,
      );
      this.suggestionLists.set(id, list);
      return list;
    });
  }
  async replySuggestion(id: string, suggestion: string, text: string, passphrase: string | null) {
    return this.sign(passphrase, () => {
      const list = (this.suggestionLists.get(id) ?? []).map((x) => (x.id === suggestion ? { ...x, replies: [...x.replies, this.entry(text)] } : x));
      this.suggestionLists.set(id, list);
      return list;
    });
  }
  async listNotes(id: string) {
    return ok(this.notes.get(id) ?? []);
  }
  async addNote(id: string, text: string) {
    const list = this.notes.get(id) ?? [];
    list.push({ seq: list.length + 1, text, created_at: ++this.clock });
    this.notes.set(id, list);
    return ok(list);
  }
  async diffRevisions() {
    return failed<never>("the in-memory backend compares no revisions");
  }

  // The desk: a status the tests set; joining is refused (there is no desk to reach).
  deskState: DeskStatusRow = {
    url: null, person_name: null, role: null, last_sync_at: null, last_sync_label: null, last_error: null, waiting: 0, items: [],
  };
  private syncHandlers: ((event: DeskSyncEvent) => void)[] = [];
  async deskStatus() {
    return ok(this.deskState);
  }
  async joinDesk() {
    return failed<never>("the in-memory backend reaches no desk");
  }
  async leaveDesk() {
    this.deskState = { ...this.deskState, url: null, person_name: null, role: null };
    return ok(this.deskState);
  }
  /** The lock the tests set on every story (none: no desk). */
  lock: LockRow | null = null;
  async deskLock() {
    return ok(this.lock);
  }
  async syncNow() {
    this.calls.push("syncNow");
    return ok(null);
  }
  async onDeskSync(handler: (event: DeskSyncEvent) => void) {
    this.syncHandlers.push(handler);
    return () => {
      this.syncHandlers = this.syncHandlers.filter((h) => h !== handler);
    };
  }
  // Delivery: targets kept in memory; nothing is sent (there is no site to reach).
  targets: Target[] = [];
  async listTargets() {
    return ok(this.targets);
  }
  async addTarget(t: AddTargetArgs) {
    const target: Target = {
      name: t.name, ...t.destination,
      default_status: t.default_status, categories: t.categories, created_at: 0,
    };
    this.targets = [...this.targets, target];
    return ok(target);
  }
  async removeTarget(name: string) {
    this.targets = this.targets.filter((t) => t.name !== name);
    return ok(null);
  }
  async testTarget() {
    return failed<never>("the in-memory backend reaches no site");
  }
  async deliverArticle(_id: string, _target: string, _status: PostStatus | null, at: string | null) {
    this.calls.push(at ? `deliverArticle at ${at}` : "deliverArticle");
    return failed<never>("the in-memory backend delivers nowhere");
  }
  async listDeliveries() {
    return ok([] as DeliveryRow[]);
  }
  async retryDelivery() {
    return ok(null);
  }
  async cancelDelivery() {
    return ok(null);
  }
  /** Deliveries whose end made their story public, as a test says (the core decides it). */
  readonly publicationDue = new Set<number>();
  async recordPublication(delivery: number, passphrase: string | null) {
    this.calls.push(`recordPublication ${delivery}`);
    if (!this.publicationDue.has(delivery)) return ok(false);
    const refused = this.keyRefuses(passphrase);
    if (refused) return refused;
    this.publicationDue.delete(delivery);
    return ok(true);
  }
  private deliveryHandlers = new Set<(event: DeliveryEvent) => void>();
  async onDelivery(handler: (event: DeliveryEvent) => void) {
    this.deliveryHandlers.add(handler);
    return () => void this.deliveryHandlers.delete(handler);
  }
  /** What the delivery worker would tell the window (a test plays it). */
  emitDelivery(event: DeliveryEvent): void {
    for (const handler of this.deliveryHandlers) handler(event);
  }
  // The house style: kept as issued; only a chief's profile issues it. Matching rules is the
  // core's, which this backend does not imitate.
  houseStyle: HouseStyleRow = {
    style: { rules: [], publication: { digits: "as-typed", hijri: false } },
    issued_by: null, issued_label: null, can_issue: false, zone_label: "بغداد",
  };
  async getHouseStyle() {
    return ok({ ...this.houseStyle, can_issue: this.profile?.role === "chief" });
  }
  async issueHouseStyle(style: HouseStyle) {
    this.calls.push("issueHouseStyle");
    if (this.profile?.role !== "chief") return failed<never>("only a chief issues the house style");
    this.houseStyle = { style, issued_by: this.profile.name, issued_label: "now", can_issue: true, zone_label: "بغداد" };
    return this.getHouseStyle();
  }
  async tryHouseStyle() {
    return failed<never>("the in-memory backend does not match rules: the core does");
  }
  /** As the worker does after a pass. */
  emitDeskSync(event: DeskSyncEvent): void {
    for (const h of this.syncHandlers) h(event);
  }
}
