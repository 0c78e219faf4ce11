// @vitest-environment jsdom
// The sync state in the status bar over the in-memory backend: nothing before a desk is joined;
// then when it last synced, what waits and why it is out of reach, in the interface language;
// leaving the desk from its panel takes the indicator away.
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { SettingsStore } from "../settings/settings.svelte";
import { dialogsOpenAndClose } from "../test/dialogs";
import SyncIndicator from "./SyncIndicator.svelte";
import { SyncStore } from "./sync.svelte";

beforeAll(dialogsOpenAndClose);
afterEach(cleanup);

async function setup(state: Partial<MemoryBackend["deskState"]>) {
  const backend = new MemoryBackend();
  backend.deskState = { ...backend.deskState, ...state };
  const sync = new SyncStore(backend);
  await sync.refresh();
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: [] });
  const errors: string[] = [];
  render(SyncIndicator, { props: { sync, settings, onError: (m: string) => void errors.push(m) } });
  return { backend, sync, errors };
}

const joined = { url: "https://desk.example", person_name: "مها", role: "editor" };

describe("the sync indicator", () => {
  it("shows nothing before the library joins a desk", async () => {
    await setup({});
    expect(screen.queryByTestId("sync-state")).toBeNull();
  });

  it("says what waits, and why the desk is out of reach", async () => {
    const { sync, backend } = await setup({
      ...joined,
      waiting: 2,
      items: [{ article_id: "A1", title: "خبر", state: "queued", attempts: 1, error: null, time_label: "١٠:٠٠" }],
    });
    expect(screen.getByTestId("sync-state").textContent).toContain("2 في صندوق الإرسال");
    expect(screen.getByTestId("sync-state").dataset.look).toBe("waiting");
    backend.deskState = { ...backend.deskState, last_error: "تعذّر الوصول إلى المكتب" };
    await sync.refresh();
    await Promise.resolve();
    expect(screen.getByTestId("sync-state").textContent).toContain("المكتب غير متاح");
    await fireEvent.click(screen.getByTestId("sync-state"));
    expect(screen.getByTestId("sync-error").textContent).toBe("تعذّر الوصول إلى المكتب");
    expect(screen.getByTestId("outbox").textContent).toContain("خبر");
  });

  it("goes away when the library leaves the desk", async () => {
    await setup({ ...joined, last_sync_label: "الآن" });
    expect(screen.getByTestId("sync-state").textContent).toContain("متزامن الآن");
    await fireEvent.click(screen.getByTestId("sync-state"));
    await fireEvent.click(screen.getByTestId("sync-leave"));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId("sync-state")).toBeNull();
  });
});
