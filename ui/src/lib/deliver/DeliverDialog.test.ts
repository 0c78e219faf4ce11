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

  it("schedules publishing on a WordPress site at a day and time it says in words, in the publication's zone", async () => {
    const { backend, dialog } = setup();
    await backend.addTarget({ name: "site", destination: { kind: "wordpress", url: "https://example.com", user: "ed" }, secret: "pw", default_status: "draft", categories: {} });
    await dialog.open("A1");
    // Only publishing is scheduled.
    expect(screen.queryByTestId("deliver-schedule-it")).toBeNull();
    await fireEvent.change(screen.getByTestId("deliver-status"), { target: { value: "publish" } });
    await fireEvent.click(screen.getByTestId("deliver-schedule-it"));
    expect(screen.getByTestId("schedule-zone").textContent).toContain("بغداد");
    // An incomplete day is not sent.
    await fireEvent.click(screen.getByTestId("deliver-send"));
    await new Promise((r) => setTimeout(r, 0));
    expect(backend.calls.filter((c) => c.startsWith("deliverArticle"))).toEqual([]);
    expect(screen.getByTestId("deliver-message").textContent).toContain("اختر يوم النشر");
    await fireEvent.change(screen.getByTestId("schedule-date-day"), { target: { value: "7" } });
    await fireEvent.change(screen.getByTestId("schedule-date-month"), { target: { value: "12" } });
    await fireEvent.input(screen.getByTestId("schedule-date-year"), { target: { value: "2026" } });
    await fireEvent.change(screen.getByTestId("schedule-hour"), { target: { value: "09" } });
    await fireEvent.change(screen.getByTestId("schedule-minute"), { target: { value: "30" } });
    expect(screen.getByTestId("schedule-spoken").textContent).toBe("يُنشر في 7 كانون الأول 2026 الساعة 09:30 بتوقيت بغداد، لا قبل ذلك.");
    await fireEvent.click(screen.getByTestId("deliver-send"));
    await new Promise((r) => setTimeout(r, 0));
    expect(backend.calls).toContain("deliverArticle at 2026-12-07T09:30");
  });
});
