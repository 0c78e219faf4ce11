// @vitest-environment jsdom
// The record panel over the in-memory backend: the story's signed steps, newest first, named as
// the library knows their keys, and a step that does not count shown struck through with why.
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { SettingsStore } from "../settings/settings.svelte";
import RecordPanel from "./RecordPanel.svelte";
import { ReviewStore } from "./review.svelte";

afterEach(cleanup);

function setup() {
  const backend = new MemoryBackend();
  const review = new ReviewStore(backend, async () => null);
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: [] });
  render(RecordPanel, { props: { review, settings, id: "01M94RE1N27AQTZGSSGMN8W6QM", onTrusted: () => {} } });
  return { review, backend };
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
      needs_note: [],
      approval: null,
      edited_since_approval: false,
      in_conflict: false,
      latest_revision: 2,
      since_submitted: 1,
      since_approval: null,
      suggest_by_default: false,
      history: [
        {
          action: "approve",
          comment: false,
          suggestion: false,
          embargo: null,
          actor: "«مها»?",
          time_label: "٦ كانون الأول ١٠:٠٠",
          note: null,
          revision: 2,
          refused: "وقّعه مفتاح غير معروف هنا (يدّعي أنه «مها»)",
          unknown_signer: {
            fingerprint: "3b17dbd3c7473ec9c870f99e758b8058",
            public_key: "frpKFB48iqRtcDLobCwcJ/pEOWQx133C8IAjzTSzTiE=",
            claimed_name: "مها",
          },
        },
        { action: "start-review", comment: false, suggestion: false, embargo: null, actor: "مها", time_label: "٩:٠٠", note: null, revision: 1, refused: null, unknown_signer: null },
        { action: null, comment: true, suggestion: false, embargo: null, actor: "سارة", time_label: "٨:٠٠", note: null, revision: 1, refused: null, unknown_signer: null },
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

  it("trusts an unknown signer from its row, after showing its fingerprint", async () => {
    const { review, backend } = setup();
    review.row = {
      status: "submitted",
      allowed: [],
      needs_note: [],
      approval: null,
      edited_since_approval: false,
      in_conflict: false,
      latest_revision: 1,
      since_submitted: null,
      since_approval: null,
      suggest_by_default: false,
      history: [
        {
          action: "submit",
          comment: false,
          suggestion: false,
          embargo: null,
          actor: "«ليلى»?",
          time_label: "٨:٠٠",
          note: null,
          revision: 1,
          refused: "وقّعه مفتاح غير معروف هنا (يدّعي أنه «ليلى»)",
          unknown_signer: { fingerprint: "968b5116e4178e6e7df367ff5a018352", public_key: "a2V5", claimed_name: "ليلى" },
        },
      ],
    };
    await Promise.resolve();
    expect(screen.getByTestId("record").textContent).toContain("968b 5116 e417 8e6e 7df3 67ff 5a01 8352");
    await fireEvent.click(screen.getByTestId("record-trust-journalist"));
    await vi.waitFor(() => expect(backend.calls).toContain("trustSigner"));
  });
});
