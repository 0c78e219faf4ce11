// The review side of the open story: the profile, the story's state and the steps allowed now,
// its comment threads and private notes. Signing steps may need the key file's passphrase: it is
// asked for once and kept in memory for the session, never stored.
import type { Action } from "../../bindings/Action";
import type { Anchor } from "../../bindings/Anchor";
import type { LockRow } from "../../bindings/LockRow";
import type { CommentThread } from "../../bindings/CommentThread";
import type { Note } from "../../bindings/Note";
import type { ProfileRow } from "../../bindings/ProfileRow";
import type { ReviewRow } from "../../bindings/ReviewRow";
import type { Role } from "../../bindings/Role";
import type { Backend, IpcResult } from "../backend/backend";

export class ReviewStore {
  profile = $state<ProfileRow | null>(null);
  row = $state<ReviewRow | null>(null);
  /** Who is editing the story on the shared desk (none without a desk, or offline). */
  lock = $state<LockRow | null>(null);
  comments = $state<CommentThread[]>([]);
  notes = $state<Note[]>([]);
  /** The thread chosen in the panel or clicked in the text. */
  active = $state<string | null>(null);
  private passphrase: string | null = null;

  constructor(
    private backend: Backend,
    /** Asks the user for the key file's passphrase; null if they cancel. */
    private askPassphrase: () => Promise<string | null>,
  ) {}

  async loadProfile(): Promise<void> {
    const result = await this.backend.getProfile();
    if (result.ok) this.profile = result.value;
  }

  /** Trusts a key whose steps do not count here, after the user checked its fingerprint; the
   * open story `id` is judged again. */
  async trustSigner(id: string, publicKey: string, name: string, role: Role): Promise<string | null> {
    const result = await this.backend.trustSigner(publicKey, name, role);
    if (!result.ok) return result.error.message;
    await this.refresh(id);
    return null;
  }

  /** Everything about story `id`, fetched together. */
  async refresh(id: string): Promise<void> {
    const [row, comments, notes] = await Promise.all([
      this.backend.reviewState(id),
      this.backend.listComments(id),
      this.backend.listNotes(id),
    ]);
    if (row.ok) this.row = row.value;
    if (comments.ok) this.comments = comments.value;
    if (notes.ok) this.notes = notes.value;
    // The lock waits on the network; nothing above waits for it.
    void this.refreshLock(id);
  }

  /** Takes (or renews) the story's lock for an editor, or learns who holds it. */
  async refreshLock(id: string, takeOver = false, note: string | null = null): Promise<void> {
    const lock = await this.backend.deskLock(id, takeOver, note);
    this.lock = lock.ok ? lock.value : null;
  }

  clear(): void {
    this.row = null;
    this.lock = null;
    this.comments = [];
    this.notes = [];
    this.active = null;
  }

  /** Takes a signed step on story `id`; the row the core answers with replaces this one. */
  async takeStep(id: string, action: Action, note: string | null): Promise<IpcResult<ReviewRow>> {
    const result = await this.signed((passphrase) => this.backend.takeStep(id, action, note, passphrase));
    if (result.ok) this.row = result.value;
    return result;
  }

  /** A comment on the words `anchor` quotes; the new thread becomes the active one. */
  async addComment(id: string, anchor: Anchor, text: string): Promise<IpcResult<CommentThread[]>> {
    const result = await this.commentChange((passphrase) => this.backend.addComment(id, anchor, text, passphrase));
    if (result.ok) this.active = result.value[result.value.length - 1]?.id ?? null;
    return result;
  }

  replyComment(id: string, thread: string, text: string): Promise<IpcResult<CommentThread[]>> {
    return this.commentChange((passphrase) => this.backend.replyComment(id, thread, text, passphrase));
  }

  resolveComment(id: string, thread: string, resolved: boolean): Promise<IpcResult<CommentThread[]>> {
    return this.commentChange((passphrase) => this.backend.resolveComment(id, thread, resolved, passphrase));
  }

  /** A private note (never signed, never leaves the library). */
  async addNote(id: string, text: string): Promise<IpcResult<Note[]>> {
    const result = await this.backend.addNote(id, text);
    if (result.ok) this.notes = result.value;
    return result;
  }

  /** A signed change to the comments: the threads it answers with are the ones shown. */
  private async commentChange(call: (passphrase: string | null) => Promise<IpcResult<CommentThread[]>>): Promise<IpcResult<CommentThread[]>> {
    const result = await this.signed(call);
    if (result.ok) this.comments = result.value;
    return result;
  }

  /** Runs a signing call; asks for the passphrase when the key file needs it, then once more. */
  async signed<T>(call: (passphrase: string | null) => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
    let result = await call(this.passphrase);
    if (!result.ok && result.error.code === "needs-passphrase") {
      const given = await this.askPassphrase();
      if (given === null) return result;
      this.passphrase = given;
      result = await call(given);
      if (!result.ok && result.error.code === "needs-passphrase") this.passphrase = null;
    }
    return result;
  }
}
