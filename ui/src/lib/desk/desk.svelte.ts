// The desk: every story by state, filtered by section and author. Filtering runs over the
// cards in memory (no call to Rust), and each column shows its newest cards first, a page at a
// time, so a desk of thousands paints at once.
import type { ArticleStatus } from "../../bindings/ArticleStatus";
import type { DeskCard } from "../../bindings/DeskCard";
import type { ProfileRow } from "../../bindings/ProfileRow";
import type { Backend } from "../backend/backend";

/** A column is a state, or "scheduled": approved or published stories a site holds for later. */
export type ColumnKey = ArticleStatus | "scheduled";
export const COLUMNS: ColumnKey[] = ["draft", "submitted", "in-review", "changes-requested", "approved", "scheduled", "published", "spiked"];
export const PAGE = 40;

export interface Column {
  status: ColumnKey;
  count: number;
  cards: DeskCard[];
}

/** The columns of `cards` passing the filters: each with its full count and first `shown` cards. */
export function columns(cards: DeskCard[], section: string, author: string, mineOnly: string | null, shown: number): Column[] {
  const by = new Map<ColumnKey, DeskCard[]>(COLUMNS.map((c) => [c, []]));
  for (const card of cards) {
    if (section && (card.section ?? "") !== section) continue;
    if (author && (card.author ?? "") !== author) continue;
    // A journalist's own: those they wrote, and those not yet sent anywhere (written here).
    if (mineOnly !== null && card.author !== null && card.author !== mineOnly) continue;
    const scheduled = card.scheduled_at !== null && (card.status === "approved" || card.status === "published");
    by.get(scheduled ? "scheduled" : card.status)!.push(card);
  }
  return COLUMNS.map((status) => {
    const all = by.get(status)!;
    return { status, count: all.length, cards: all.slice(0, shown) };
  });
}

export class Desk {
  cards = $state.raw<DeskCard[]>([]);
  /** When a scheduled card's site publishes it, in the publication's zone, by card id. */
  scheduled = $state.raw<Record<string, string>>({});
  profile = $state<ProfileRow | null>(null);
  loaded = $state(false);

  constructor(private backend: Backend) {}

  async refresh(): Promise<string | null> {
    const result = await this.backend.desk();
    if (!result.ok) return result.error.message;
    this.cards = result.value.cards;
    this.scheduled = result.value.scheduled_labels;
    this.profile = result.value.profile;
    this.loaded = true;
    return null;
  }
}
