// The desk: every story by state, filtered by section and author. Filtering runs over the
// cards in memory (no call to Rust), and each column shows its newest cards first, a page at a
// time, so a desk of thousands paints at once.
import type { ArticleStatus } from "../../bindings/ArticleStatus";
import type { DeskCard } from "../../bindings/DeskCard";
import type { ProfileRow } from "../../bindings/ProfileRow";
import type { Backend } from "../backend/backend";

export const COLUMNS: ArticleStatus[] = ["draft", "submitted", "in-review", "changes-requested", "approved", "published", "spiked"];
export const PAGE = 40;

export interface Column {
  status: ArticleStatus;
  count: number;
  cards: DeskCard[];
}

/** The columns of `cards` passing the filters: each with its full count and first `shown` cards. */
export function columns(cards: DeskCard[], section: string, author: string, mineOnly: string | null, shown: number): Column[] {
  const by = new Map<ArticleStatus, DeskCard[]>(COLUMNS.map((c) => [c, []]));
  for (const card of cards) {
    if (section && (card.section ?? "") !== section) continue;
    if (author && (card.author ?? "") !== author) continue;
    // A journalist's own: those they wrote, and those not yet sent anywhere (written here).
    if (mineOnly !== null && card.author !== null && card.author !== mineOnly) continue;
    by.get(card.status)!.push(card);
  }
  return COLUMNS.map((status) => {
    const all = by.get(status)!;
    return { status, count: all.length, cards: all.slice(0, shown) };
  });
}

export class Desk {
  cards = $state.raw<DeskCard[]>([]);
  profile = $state<ProfileRow | null>(null);
  loaded = $state(false);

  constructor(private backend: Backend) {}

  async refresh(): Promise<string | null> {
    const result = await this.backend.desk();
    if (!result.ok) return result.error.message;
    this.cards = result.value.cards;
    this.profile = result.value.profile;
    this.loaded = true;
    return null;
  }
}
