// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { Notices } from "./notices";

const texts = (n: Notices) => [...n.element.querySelectorAll("p")].map((p) => p.textContent);

describe("notices", () => {
  it("keeps a pending decision when an error arrives after it, and both show", () => {
    const n = new Notices(() => "إغلاق");
    const keep = vi.fn();
    n.show({ kind: "decision", key: "conflict", message: "عُدّل المقال في مكان آخر", choices: [{ label: "أبقِ نسختي", testid: "keep-mine", run: keep }] });
    n.show({ kind: "error", message: "تعذّرت إضافة الصورة" });
    expect(texts(n)).toEqual(["عُدّل المقال في مكان آخر", "تعذّرت إضافة الصورة"]);
    n.clearAllButDecisions();
    expect(texts(n)).toEqual(["عُدّل المقال في مكان آخر"]);
    (n.element.querySelector("[data-testid=keep-mine]") as HTMLButtonElement).click();
    expect(keep).toHaveBeenCalledOnce();
    expect(texts(n)).toEqual([]);
    expect(n.element.hidden).toBe(true);
  });

  it("stacks errors, lets each be dismissed, and says a repeated one once", () => {
    const n = new Notices(() => "إغلاق");
    n.show({ kind: "error", key: "save", message: "تعذّر الحفظ (1)" });
    n.show({ kind: "error", key: "save", message: "تعذّر الحفظ (2)" });
    n.show({ kind: "info", message: "استُورد المقال" });
    expect(texts(n)).toEqual(["تعذّر الحفظ (2)", "استُورد المقال"]);
    const dismiss = n.element.querySelector(".dismiss") as HTMLButtonElement;
    expect(dismiss.getAttribute("aria-label")).toBe("إغلاق");
    dismiss.click();
    expect(texts(n)).toEqual(["استُورد المقال"]);
    n.dismissKey("save");
    expect(texts(n)).toEqual(["استُورد المقال"]);
  });

  it("offers no dismiss button on a decision: only its choices end it", () => {
    const n = new Notices(() => "Dismiss");
    n.show({ kind: "decision", message: "Keep both or replace?", choices: [] });
    expect(n.element.querySelector(".dismiss")).toBeNull();
  });
});
