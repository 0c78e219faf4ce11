// The open article's front matter as the form edits it: one $state per field. `set` takes an
// article's front matter in, `get` gives it back as the model, carrying the fields the form does
// not show (id, language, unknown fields) through untouched.
import type { FrontMatter } from "../../bindings/FrontMatter";
import type { Hero } from "../../bindings/Hero";
import type { RelatedStory } from "../../bindings/RelatedStory";

const optional = (v: string): string | null => (v.trim() ? v : null);

export class ArticleFields {
  title = $state("");
  kicker = $state("");
  standfirst = $state("");
  category = $state("");
  /** As typed: names separated by commas (Latin or Arabic). */
  tags = $state("");
  byline = $state("");
  dateline = $state("");
  date = $state<string | null>(null);
  hero = $state<Hero | null>(null);
  related = $state<RelatedStory[]>([]);
  /** The date the publication's way («20 نيسان 2025»), from the last preview. */
  dateLabel = $state<string | null>(null);
  private base: FrontMatter | null = null;

  set(meta: FrontMatter): void {
    this.base = meta;
    this.title = meta.title;
    this.kicker = meta.kicker ?? "";
    this.standfirst = meta.standfirst ?? "";
    this.category = meta.category ?? "";
    this.tags = meta.tags.join("، ");
    this.byline = meta.byline ?? "";
    this.dateline = meta.dateline ?? "";
    this.date = meta.date;
    this.hero = meta.hero ? { ...meta.hero } : null;
    this.related = meta.related.map((r) => ({ ...r }));
  }

  get(): FrontMatter {
    if (!this.base) throw new Error("no article is open");
    return {
      ...this.base,
      title: this.title,
      kicker: optional(this.kicker),
      standfirst: optional(this.standfirst),
      category: optional(this.category),
      tags: this.tags.split(/[,،]/).map((t) => t.trim()).filter(Boolean),
      byline: optional(this.byline),
      dateline: optional(this.dateline),
      date: this.date,
      hero: this.hero ? $state.snapshot(this.hero) : null,
      related: $state.snapshot(this.related).filter((s) => s.title.trim() || s.url.trim()),
    };
  }
}
