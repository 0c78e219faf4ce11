// @vitest-environment jsdom
// The whole window over the in-memory backend: it opens the last draft at start, a new article
// typed into is saved, and a package chosen in the sidebar arrives — asking first when its
// article is already here — through the same flows the real window runs.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { SettingsStore } from "../settings/settings.svelte";
import { dialogsOpenAndClose } from "../test/dialogs";
import App from "./App.svelte";

beforeAll(() => {
  dialogsOpenAndClose();
  // jsdom has no layout: ProseMirror asks for rectangles it never gets to use here.
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
  document.elementFromPoint ??= () => null;
  Element.prototype.scrollIntoView ??= () => {};
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

function setup() {
  const backend = new MemoryBackend();
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: ["سياسة"] });
  return { backend, settings };
}

describe("the window", () => {
  it("opens the newest draft at start", async () => {
    const { backend, settings } = setup();
    backend.add("خبر قديم");
    backend.add("خبر جديد");
    render(App, { props: { backend, settings } });
    await waitFor(() => expect((screen.getByTestId("title") as HTMLTextAreaElement).value).toBe("خبر جديد"));
  });

  it("saves a new article's headline as it is typed", async () => {
    const { backend, settings } = setup();
    render(App, { props: { backend, settings } });
    await fireEvent.click(await screen.findByTestId("new-draft"));
    const title = await screen.findByTestId("title");
    await waitFor(() => expect(backend.calls).toContain("createDraft"));
    await fireEvent.input(title, { target: { value: "افتتاح جسر جديد" } });
    await waitFor(async () => {
      const listed = await backend.listDrafts("", false);
      expect(listed.ok && listed.value.map((d) => d.title)).toEqual(["افتتاح جسر جديد"]);
    }, { timeout: 5000 });
  });

  it("takes a package in from the sidebar and asks before replacing what is here", async () => {
    const { backend, settings } = setup();
    backend.packages.set("story.zip", { id: "P1", title: "خبر من زميل" });
    render(App, { props: { backend, settings } });
    const input = await screen.findByTestId("import-package-file");
    const choose = (file: File) => fireEvent.change(input, { target: { files: [file] } });
    await choose(new File(["PK"], "story.zip"));
    await waitFor(() => expect((screen.getByTestId("title") as HTMLTextAreaElement).value).toBe("خبر من زميل"));
    await waitFor(() => expect(screen.getByTestId("import-done")).toBeTruthy());
    await choose(new File(["PK"], "story.zip"));
    await waitFor(() => expect(screen.getByTestId("import-replace")).toBeTruthy());
    expect(backend.calls.filter((c) => c.startsWith("importPackage"))).toEqual(["importPackage:ask", "importPackage:ask"]);
  });
});
