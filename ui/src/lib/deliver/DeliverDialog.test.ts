// @vitest-environment jsdom
// The deliver dialog over the in-memory backend: without a target it says where to add one; with
// one it offers it, saves pending edits before anything else, and shows the backend's refusal in
// plain words (the in-memory backend reaches no site).
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { SettingsStore } from "../settings/settings.svelte";
import { dialogsOpenAndClose } from "../test/dialogs";
import DeliverDialog from "./DeliverDialog.svelte";

beforeAll(dialogsOpenAndClose);
afterEach(cleanup);

function setup(saves = true) {
  const backend = new MemoryBackend();
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: [] });
  let flushed = 0;
  const view = render(DeliverDialog, {
    props: {
      backend,
      settings,
      flush: async () => {
        flushed++;
        return saves;
      },
    },
  });
  return { backend, dialog: view.component as unknown as { open(id: string): Promise<void> }, flushed: () => flushed };
}

describe("the deliver dialog", () => {
  it("says where to add a target when there is none", async () => {
    const { dialog } = setup();
    await dialog.open("A1");
    expect(screen.getByTestId("deliver-no-targets").textContent).toContain("الإعدادات");
  });

  it("offers the targets, saves first, and shows why a delivery was refused", async () => {
    const { backend, dialog, flushed } = setup();
    await backend.addTarget({ name: "drive", destination: { kind: "folder", folder: "/srv/drive" }, secret: null, default_status: "draft", categories: {} });
    await dialog.open("A1");
    const options = screen.getByTestId("deliver-target").querySelectorAll("option");
    expect([...options].map((o) => o.value)).toEqual(["drive"]);
    await fireEvent.click(screen.getByTestId("deliver-send"));
    await new Promise((r) => setTimeout(r, 0));
    expect(flushed()).toBe(1);
    expect(backend.calls).toContain("deliverArticle");
    expect(screen.getByTestId("deliver-message").textContent).toContain("delivers nowhere");
  });

  it("delivers nothing when the pending edits could not be saved", async () => {
    const { backend, dialog } = setup(false);
    await backend.addTarget({ name: "drive", destination: { kind: "folder", folder: "/srv/drive" }, secret: null, default_status: "draft", categories: {} });
    await dialog.open("A1");
    await fireEvent.click(screen.getByTestId("deliver-send"));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("deliver-message").textContent).toBe("");
    expect(backend.calls).not.toContain("deliverArticle");
  });
});
