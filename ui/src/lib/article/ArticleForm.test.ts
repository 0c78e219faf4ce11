// @vitest-environment jsdom
// The article form over its fields store: what it shows, what it gives back, and the details
// panel folded until opened (and remembered).
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyArticle } from "../backend/memory";
import { SettingsStore } from "../settings/settings.svelte";
import ArticleForm from "./ArticleForm.svelte";
import { ArticleFields } from "./fields.svelte";

beforeEach(() => localStorage.clear());
afterEach(cleanup);

function setup() {
  const fields = new ArticleFields();
  const meta = {
    ...emptyArticle("قوات أميركية تغادر سوريا").meta,
    id: "01ABC",
    category: "أرشيف قديم",
    tags: ["العراق", "سوريا"],
    extra: [["priority", "high\n"]] as [string, string][],
  };
  fields.set(meta);
  const onChange = vi.fn();
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: ["سياسة", "أمن"] });
  const view = render(ArticleForm, {
    props: { fields, settings, onChange, addImage: async () => null, resolveImage: async () => null },
  });
  return { fields, onChange, view };
}

describe("the article form", () => {
  it("shows the headline and keeps the details folded until opened, remembering it", async () => {
    setup();
    expect((screen.getByTestId("title") as HTMLTextAreaElement).value).toBe("قوات أميركية تغادر سوريا");
    const details = screen.getByTestId("details") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    details.open = true;
    await fireEvent(details, new Event("toggle"));
    expect(localStorage.getItem("qalam.detailsOpen")).toBe("true");
    cleanup();
    setup();
    expect((screen.getByTestId("details") as HTMLDetailsElement).open).toBe(true);
  });

  it("gives back the model: typed fields, tags split on either comma, unshown fields untouched", async () => {
    const { fields, onChange } = setup();
    await fireEvent.input(screen.getByTestId("kicker"), { target: { value: "عاجل" } });
    await fireEvent.input(screen.getByTestId("tags"), { target: { value: "العراق، سوريا, الأنبار" } });
    await fireEvent.input(screen.getByTestId("byline"), { target: { value: "   " } });
    expect(onChange).toHaveBeenCalled();
    const meta = fields.get();
    expect(meta.kicker).toBe("عاجل");
    expect(meta.tags).toEqual(["العراق", "سوريا", "الأنبار"]);
    expect(meta.byline).toBeNull();
    expect(meta.id).toBe("01ABC");
    expect(meta.extra).toEqual([["priority", "high\n"]]);
  });

  it("keeps the article's own section in the list even when the settings no longer name it", () => {
    setup();
    const options = [...(screen.getByTestId("category") as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(["", "سياسة", "أمن", "أرشيف قديم"]);
  });

  it("makes a pasted line break in the headline a space: a headline is one paragraph", async () => {
    const { fields } = setup();
    await fireEvent.input(screen.getByTestId("title"), { target: { value: "سطر أول\nسطر ثانٍ" } });
    expect(fields.title).toBe("سطر أول سطر ثانٍ");
  });
});
