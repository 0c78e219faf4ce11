// The open story's suggestions and the window's suggesting mode: the list the core answers with,
// which one is chosen, and the signed changes (propose, accept, reject, withdraw, reply) — each
// through the review store's signing, so a key file's passphrase is asked for once.
import type { Anchor } from "../../bindings/Anchor";
import type { Suggestion } from "../../bindings/Suggestion";
import type { SuggestionDecision } from "../../bindings/SuggestionDecision";
import type { Backend, IpcResult } from "../backend/backend";
import type { ReviewStore } from "../review/review.svelte";

export class SuggestionsStore {
  list = $state<Suggestion[]>([]);
  /** Suggest (true) or edit (false). */
  suggesting = $state(false);
  /** The suggestion chosen in the panel or clicked in the text. */
  active = $state<string | null>(null);
  /** The story the list is of: an answer about another one (opened meanwhile) is not shown. */
  private story: string | null = null;

  constructor(
    private backend: Backend,
    private review: ReviewStore,
  ) {}

  get open(): Suggestion[] {
    return this.list.filter((s) => s.status === "open");
  }

  async refresh(id: string): Promise<void> {
    this.story = id;
    await this.changed(id, this.backend.listSuggestions(id));
  }

  clear(): void {
    this.list = [];
    this.active = null;
    this.story = null;
  }

  /** Proposes `replacement` for the words `anchor` quotes (or, with no words, at its place). */
  async propose(id: string, anchor: Anchor, replacement: string): Promise<IpcResult<Suggestion[]>> {
    const result = await this.changed(id, this.review.signed((p) => this.backend.suggestChange(id, anchor, replacement, p)));
    if (result.ok && id === this.story) this.active = result.value[result.value.length - 1]?.id ?? null;
    return result;
  }

  /** One suggestion, or (`suggestion` null) every open one. */
  decide(id: string, suggestion: string | null, decision: SuggestionDecision): Promise<IpcResult<Suggestion[]>> {
    return this.changed(id, this.review.signed((p) => this.backend.decideSuggestion(id, suggestion, decision, p)));
  }

  reply(id: string, suggestion: string, text: string): Promise<IpcResult<Suggestion[]>> {
    return this.changed(id, this.review.signed((p) => this.backend.replySuggestion(id, suggestion, text, p)));
  }

  /** The open suggestion after (or before) the chosen one, in the order they were made. */
  step(direction: 1 | -1): string | null {
    const open = this.open;
    if (!open.length) return null;
    const at = open.findIndex((s) => s.id === this.active);
    const next = at < 0 ? (direction > 0 ? 0 : open.length - 1) : (at + direction + open.length) % open.length;
    this.active = open[next].id;
    return this.active;
  }

  /** Shows the list an answer brings, if it is of the story open now. */
  private async changed(id: string, call: Promise<IpcResult<Suggestion[]>>): Promise<IpcResult<Suggestion[]>> {
    const result = await call;
    if (result.ok && id === this.story) this.list = result.value;
    return result;
  }
}
