// @vitest-environment jsdom
// The house-style section over the in-memory backend: a journalist reads the rules and cannot
// change them; a chief adds, edits, turns off and removes rules and sets the published digits in a
// draft that nothing keeps until it is issued, then issues it whole. (Matching rules is the core's,
// tested there and end to end.)
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { SettingsStore } from "../settings/settings.svelte";
import HouseStyleSection from "./HouseStyleSection.svelte";

afterEach(cleanup);

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(role: "chief" | "journalist") {
  const backend = new MemoryBackend();
  backend.profile = { name: "رنا", role, fingerprint: "AB12", needs_passphrase: false };
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: [] });
  render(HouseStyleSection, { props: { backend, settings } });
  return backend;
}

async function type(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe("the house-style section", () => {
  it("shows a journalist the rules without a way to change them", async () => {
    const backend = new MemoryBackend();
    backend.houseStyle = {
      style: { rules: [{ id: "trump", kind: "prefer", find: ["ترامب"], replace: "ترمب", message: { ar: "نكتب ترمب" }, severity: "warning", enabled: true }], publication: { digits: "western", hijri: true } },
      issued_by: "رنا", issued_label: "اليوم", can_issue: false, zone_label: "بغداد",
    };
    backend.profile = { name: "سارة", role: "journalist", fingerprint: "CD34", needs_passphrase: false };
    render(HouseStyleSection, { props: { backend, settings: new SettingsStore({ lang: "ar", fontSize: 20, sections: [] }) } });
    await tick();
    expect(screen.getByTestId("style-issued").textContent).toContain("أصدرها رنا");
    expect(screen.getAllByTestId("style-rule")).toHaveLength(1);
    expect(screen.getByTestId("style-rule").textContent).toContain("ترمب");
    expect((screen.getByTestId("style-digits") as HTMLSelectElement).disabled).toBe(true);
    expect(screen.queryByTestId("style-rule-form")).toBeNull();
    expect(screen.queryByTestId("style-issue")).toBeNull();
  });

  it("lets a chief build the rules in a draft and issues them whole", async () => {
    const backend = setup("chief");
    await tick();
    expect((screen.getByTestId("style-issue") as HTMLButtonElement).disabled).toBe(true);
    await type("style-rule-id", "trump");
    await type("style-rule-find", "ترامب\nدونالد ترامب");
    await type("style-rule-replace", "ترمب");
    await type("style-rule-message", "تكتب الصحيفة «ترمب»");
    await fireEvent.submit(screen.getByTestId("style-rule-form"));
    await type("style-rule-id", "sources");
    await fireEvent.change(screen.getByTestId("style-rule-kind"), { target: { value: "needs-source" } });
    await type("style-rule-find", "مصادر مطلعة");
    await type("style-rule-message", "سمِّ المصدر");
    await fireEvent.click(screen.getByTestId("style-rule-blocks"));
    await fireEvent.submit(screen.getByTestId("style-rule-form"));
    expect(screen.getAllByTestId("style-rule")).toHaveLength(2);
    // Edited in place, then one turned off and the other removed: still only a draft.
    await fireEvent.click(screen.getAllByTestId("style-rule-edit")[0]);
    await type("style-rule-replace", "ترمپ");
    await fireEvent.submit(screen.getByTestId("style-rule-form"));
    await fireEvent.click(screen.getAllByTestId("style-rule-toggle")[0]);
    await fireEvent.click(screen.getAllByTestId("style-rule-remove")[1]);
    await fireEvent.change(screen.getByTestId("style-digits"), { target: { value: "arabic-indic" } });
    expect(screen.getByTestId("style-unsaved")).toBeTruthy();
    expect(backend.calls).not.toContain("issueHouseStyle");

    await fireEvent.click(screen.getByTestId("style-issue"));
    await tick();
    expect(backend.calls).toContain("issueHouseStyle");
    const issued = backend.houseStyle.style;
    expect(issued.publication.digits).toBe("arabic-indic");
    expect(issued.rules).toEqual([
      { id: "trump", kind: "prefer", find: ["ترامب", "دونالد ترامب"], replace: "ترمپ", message: { ar: "تكتب الصحيفة «ترمب»", en: null }, severity: "warning", enabled: false },
    ]);
    expect(screen.getByTestId("style-done").textContent).toContain("صدرت القواعد");
  });

  it("says why trying rules failed instead of pretending to match", async () => {
    setup("chief");
    await tick();
    await type("style-try-text", "قال ترامب");
    await fireEvent.click(screen.getByTestId("style-try"));
    await tick();
    expect(screen.getByTestId("style-message").textContent).toContain("does not match rules");
  });
});
