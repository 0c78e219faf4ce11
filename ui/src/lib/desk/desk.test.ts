import { describe, expect, it } from "vitest";
import type { DeskCard } from "../../bindings/DeskCard";
import { ageLabel } from "../../i18n/age";
import { columns, COLUMNS } from "./desk.svelte";

const card = (id: string, status: DeskCard["status"], section: string | null, author: string | null): DeskCard => ({
  id, title: id, status, section, author, reviewer: null, updated_at: 0, in_conflict: false, scheduled_at: null, live_url: null,
});

const cards = [
  card("a", "draft", "سياسة", "ليلى"),
  card("b", "submitted", "رياضة", "كريم"),
  card("c", "submitted", "سياسة", "ليلى"),
  card("d", "approved", "سياسة", "كريم"),
  card("e", "draft", null, null),
];

describe("the desk's columns", () => {
  it("has a column per state, in the workflow's order, with every card counted", () => {
    const cols = columns(cards, "", "", null, 60);
    expect(cols.map((c) => c.status)).toEqual(COLUMNS);
    expect(cols.map((c) => c.count)).toEqual([2, 2, 0, 0, 1, 0, 0, 0]);
  });

  it("puts a story a site holds for later in Scheduled, and a live one in Published", () => {
    const held = { ...card("f", "approved", null, null), scheduled_at: 1_800_000_000_000 };
    const live = { ...card("g", "published", null, null), live_url: "https://example.com/?p=4" };
    const cols = columns([held, live], "", "", null, 60);
    const where = Object.fromEntries(cols.flatMap((c) => c.cards.map((k) => [k.id, c.status])));
    expect(where).toEqual({ f: "scheduled", g: "published" });
  });

  it("filters by section and by author", () => {
    const bySection = columns(cards, "سياسة", "", null, 60);
    expect(bySection.flatMap((c) => c.cards.map((k) => k.id))).toEqual(["a", "c", "d"]);
    const byAuthor = columns(cards, "", "كريم", null, 60);
    expect(byAuthor.flatMap((c) => c.cards.map((k) => k.id))).toEqual(["b", "d"]);
  });

  it("shows a journalist their own stories and those not yet sent anywhere", () => {
    const mine = columns(cards, "", "", "ليلى", 60);
    expect(mine.flatMap((c) => c.cards.map((k) => k.id))).toEqual(["a", "e", "c"]);
  });

  it("paints a page of cards a column and counts the rest", () => {
    const many = Array.from({ length: 100 }, (_, i) => card(`s${i}`, "submitted", null, null));
    const [, submitted] = columns(many, "", "", null, 40);
    expect([submitted.count, submitted.cards.length]).toEqual([100, 40]);
  });
});

describe("a card's age", () => {
  it("says how long ago in the interface language, Arabic with Western digits", () => {
    expect(ageLabel(3 * 3_600_000, "en")).toBe("3 hours ago");
    expect(ageLabel(26 * 60_000, "ar")).toContain("26");
    expect(ageLabel(10_000, "en")).toBe("this minute");
  });
});
