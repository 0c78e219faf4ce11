// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Notices } from "./notices.svelte";
import NoticesView from "./Notices.svelte";

afterEach(cleanup);

function setup(label = "إغلاق") {
  const notices = new Notices();
  render(NoticesView, { props: { notices, dismissLabel: label } });
  return notices;
}

const texts = () => [...screen.getByTestId("banner").querySelectorAll("p")].map((p) => p.textContent);

describe("notices", () => {
  it("keeps a pending decision when an error arrives after it, and both show", async () => {
    const n = setup();
    const keep = vi.fn();
    n.show({ kind: "decision", key: "conflict", message: "عُدّل المقال في مكان آخر", choices: [{ label: "أبقِ نسختي", testid: "keep-mine", run: keep }] });
    n.show({ kind: "error", message: "تعذّرت إضافة الصورة" });
    n.show({ kind: "decision", key: "conflict-2", message: "قرار ثانٍ", choices: [] });
    await Promise.resolve();
    expect(texts()).toEqual(["عُدّل المقال في مكان آخر", "قرار ثانٍ", "تعذّرت إضافة الصورة"]);
    await fireEvent.click(screen.getByTestId("keep-mine"));
    expect(keep).toHaveBeenCalledOnce();
    expect(texts()).toEqual(["قرار ثانٍ", "تعذّرت إضافة الصورة"]);
  });

  it("stacks errors, lets each be dismissed, and says a repeated one once", async () => {
    const n = setup();
    n.show({ kind: "error", key: "save", message: "تعذّر الحفظ (1)" });
    n.show({ kind: "error", key: "save", message: "تعذّر الحفظ (2)" });
    n.show({ kind: "info", message: "استُورد المقال" });
    await Promise.resolve();
    expect(texts()).toEqual(["تعذّر الحفظ (2)", "استُورد المقال"]);
    const dismiss = screen.getAllByLabelText("إغلاق")[0];
    await fireEvent.click(dismiss);
    expect(texts()).toEqual(["استُورد المقال"]);
    n.dismissKey("save");
    await Promise.resolve();
    expect(texts()).toEqual(["استُورد المقال"]);
  });

  it("offers no dismiss button on a decision: only its choices end it, and is hidden when empty", async () => {
    const n = setup("Dismiss");
    expect(screen.getByTestId("banner").hidden).toBe(true);
    n.show({ kind: "decision", message: "Keep both or replace?", choices: [] });
    await Promise.resolve();
    expect(screen.queryByLabelText("Dismiss")).toBeNull();
    expect(screen.getByTestId("banner").hidden).toBe(false);
  });
});
