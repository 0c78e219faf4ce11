// @vitest-environment jsdom
// The record panel over the in-memory backend: the story's signed steps, newest first, named as
// the library knows their keys, and a step that does not count shown struck through with why.
import { cleanup, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { SettingsStore } from "../settings/settings.svelte";
import RecordPanel from "./RecordPanel.svelte";
import { ReviewStore } from "./review.svelte";

afterEach(cleanup);

function setup() {
  const backend = new MemoryBackend();
  const review = new ReviewStore(backend, async () => null);
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: [] });
  render(RecordPanel, { props: { review, settings } });
  return { review };
}

describe("the record panel", () => {
  it("says so when there is no record", () => {
    setup();
    expect(screen.getByTestId("record").textContent).toContain("لا خطوات موقّعة بعد");
  });

  it("lists each step with its signer and shows why a forged one does not count", async () => {
    const { review } = setup();
    review.row = {
      status: "in-review",
      allowed: [],
      approval: null,
      edited_since_approval: false,
      in_conflict: false,
      latest_revision: 2,
      since_submitted: 1,
      since_approval: null,
      history: [
        {
          action: "approve",
          comment: false,
          actor: "«مها»?",
          time_label: "٦ كانون الأول ١٠:٠٠",
          note: null,
          revision: 2,
          refused: "وقّعه مفتاح غير معروف هنا (يدّعي أنه «مها»)",
        },
        { action: "start-review", comment: false, actor: "مها", time_label: "٩:٠٠", note: null, revision: 1, refused: null },
        { action: null, comment: true, actor: "سارة", time_label: "٨:٠٠", note: null, revision: 1, refused: null },
      ],
    };
    await Promise.resolve();
    const rows = screen.getAllByTestId("record-row");
    expect(rows).toHaveLength(3);
    expect(rows[0].classList.contains("refused")).toBe(true);
    expect(rows[0].textContent).toContain("اعتمد");
    expect(screen.getByTestId("record-refused").textContent).toContain("لا يُحتسب");
    expect(screen.getByTestId("record-refused").textContent).toContain("مفتاح غير معروف");
    expect(rows[1].classList.contains("refused")).toBe(false);
    expect(rows[1].textContent).toContain("مها");
    expect(rows[2].textContent).toContain("علّق");
  });
});
