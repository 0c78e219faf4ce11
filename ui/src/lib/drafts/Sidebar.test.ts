// @vitest-environment jsdom
// The sidebar over the in-memory backend: what it lists, searching, the trash, the sample offer,
// and a save moving one row to the top without listing the library again.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OpenArticle } from "../article/open-article.svelte";
import { loadStrings } from "../../i18n";
import { MemoryBackend } from "../backend/memory";
import { SettingsStore } from "../settings/settings.svelte";
import { DraftList } from "./drafts.svelte";
import Sidebar from "./Sidebar.svelte";

afterEach(cleanup);

function setup(titles: string[] = []) {
  const backend = new MemoryBackend();
  const ids = titles.map((t) => backend.add(t));
  const drafts = new DraftList(backend);
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: [] });
  const open = new OpenArticle();
  const handlers = { onOpen: vi.fn(), onNew: vi.fn(), onSample: vi.fn(), onImport: vi.fn(), onError: vi.fn() };
  render(Sidebar, { props: { backend, drafts, settings, open, ...handlers } });
  return { backend, ids, drafts, settings, open, handlers };
}

const rows = () => screen.getByTestId("draft-list").querySelectorAll("li.draft-row");
const titlesShown = () => [...rows()].map((r) => r.querySelector(".draft-title")!.textContent!.trim());

describe("the drafts sidebar", () => {
  it("lists drafts newest first, marks the open one, and opens one when clicked", async () => {
    const { drafts, ids, open, handlers } = setup(["الأول", "الثاني"]);
    await drafts.refresh();
    await Promise.resolve();
    expect(titlesShown()).toEqual(["الثاني", "الأول"]);
    open.id = ids[0];
    await Promise.resolve();
    expect(rows()[1].classList.contains("current")).toBe(true);
    await fireEvent.click(within(rows()[1] as HTMLElement).getByText("الأول"));
    expect(handlers.onOpen).toHaveBeenCalledWith(ids[0]);
  });

  it("offers the sample on an empty library, and not while searching", async () => {
    const { drafts, handlers } = setup();
    await drafts.refresh();
    await Promise.resolve();
    await fireEvent.click(screen.getByTestId("open-sample"));
    expect(handlers.onSample).toHaveBeenCalledOnce();
    drafts.query = "لا شيء";
    await drafts.refresh();
    await Promise.resolve();
    expect(screen.queryByTestId("open-sample")).toBeNull();
    expect(screen.getByTestId("draft-list").textContent).toContain("لا نتائج");
  });

  it("moves a draft to the trash and back", async () => {
    const { drafts } = setup(["خبر"]);
    await drafts.refresh();
    await Promise.resolve();
    await fireEvent.click(screen.getByTestId("trash-draft"));
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
    await fireEvent.click(screen.getByTestId("trash-toggle"));
    await vi.waitFor(() => expect(titlesShown()).toEqual(["خبر"]));
    await fireEvent.click(screen.getByTestId("untrash-draft"));
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
  });

  it("after a save, moves that row to the top with its new title, without listing again", async () => {
    const { drafts, ids, backend } = setup(["قديم", "أحدث"]);
    await drafts.refresh();
    const listed = backend.calls.filter((c) => c === "listDrafts").length;
    drafts.touch(ids[0], "قديم بعنوان جديد", "الآن");
    await Promise.resolve();
    expect(titlesShown()).toEqual(["قديم بعنوان جديد", "أحدث"]);
    expect(backend.calls.filter((c) => c === "listDrafts").length).toBe(listed);
  });

  it("relabels itself when the language changes", async () => {
    const { drafts, settings } = setup(["خبر"]);
    await drafts.refresh();
    await Promise.resolve();
    expect(screen.getByTestId("new-draft").textContent).toBe("مقال جديد");
    await loadStrings("en");
    settings.lang = "en";
    await Promise.resolve();
    expect(screen.getByTestId("new-draft").textContent).toBe("New article");
    expect(rows()[0].querySelector(".draft-status")!.textContent).toBe("Draft");
  });
});
