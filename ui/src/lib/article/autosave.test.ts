// The autosaver on its own, with a save function of the test's making and fake timers: when it
// saves, what it reports, and that nothing typed is dropped whatever the save answers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Article } from "../../bindings/Article";
import type { SaveResult } from "../../bindings/SaveResult";
import type { IpcResult } from "../backend/backend";
import { AUTOSAVE_DELAY_MS, Autosaver, type SaveState } from "./autosave";

type Answer = IpcResult<SaveResult> | "hang";

function harness(answers: Answer[] = []) {
  let text = "";
  const saved: { text: string; base: number; explicit: boolean }[] = [];
  const states: SaveState[] = [];
  let version = 1;
  let release: (() => void) | null = null;
  const saver = new Autosaver(
    {
      async save(article, base, explicit) {
        saved.push({ text: (article.meta.title as string) ?? "", base, explicit });
        const answer = answers.shift() ?? "ok";
        if (answer === "hang") await new Promise<void>((r) => (release = r));
        if (typeof answer === "object" && !answer.ok) return answer;
        version += 1;
        return { ok: true, value: { version, revision: explicit ? 1 : null, written: true, updated_label: "" } };
      },
      snapshot: () => ({ meta: { title: text }, body: [] }) as unknown as Article,
      onState: (s) => states.push(s),
      onSaved: () => {},
    },
    version,
  );
  return {
    saver,
    saved,
    states,
    type(t: string) {
      text = t;
      saver.changed();
    },
    release: () => release?.(),
  };
}

const failure = (code: "conflict" | "failed"): Answer => ({ ok: false, error: { code, message: code } });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the autosaver", () => {
  it("waits until typing stops, then saves once", async () => {
    const h = harness();
    h.type("ق");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS / 2);
    h.type("قل");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS / 2);
    h.type("قلم");
    expect(h.saved).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(h.saved).toEqual([{ text: "قلم", base: 1, explicit: false }]);
    expect(h.states.at(-1)).toBe("saved");
  });

  it("saves at once on blur, switch or close (a flush), and then not again", async () => {
    const h = harness();
    h.type("نص");
    expect(await h.saver.flush()).toBe(true);
    expect(h.saved).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3);
    expect(h.saved).toHaveLength(1);
    expect(await h.saver.flush()).toBe(true);
    expect(h.saved).toHaveLength(1);
  });

  it("carries the version each save returns into the next", async () => {
    const h = harness();
    h.type("أ");
    await h.saver.flush();
    h.type("أب");
    await h.saver.flush();
    expect(h.saved.map((s) => s.base)).toEqual([1, 2]);
    expect(h.saver.currentVersion).toBe(3);
  });

  it("keeps what is typed during a save and saves it after", async () => {
    const h = harness(["hang"]);
    h.type("أول");
    const first = h.saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    h.type("أول ثم ثانٍ");
    h.release();
    await first;
    expect(h.states.at(-1)).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(h.saved.map((s) => s.text)).toEqual(["أول", "أول ثم ثانٍ"]);
    expect(h.states.at(-1)).toBe("saved");
  });

  it("reports a failed save, keeps the text pending and retries until it goes through", async () => {
    const h = harness([failure("failed"), failure("failed")]);
    h.type("نص لا يضيع");
    expect(await h.saver.flush()).toBe(false);
    expect(h.states.at(-1)).toBe("error");
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.states.at(-1)).toBe("error");
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.saved.map((s) => s.text)).toEqual(["نص لا يضيع", "نص لا يضيع", "نص لا يضيع"]);
    expect(h.states.at(-1)).toBe("saved");
  });

  it("stops at a conflict until the user chooses: no save overwrites the other version", async () => {
    const h = harness([failure("conflict")]);
    h.type("نسختي");
    expect(await h.saver.flush()).toBe(false);
    expect(h.states.at(-1)).toBe("conflict");
    h.type("نسختي وزيادة");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 5);
    expect(await h.saver.flush()).toBe(false);
    expect(h.saved).toHaveLength(1);
  });

  it("saves explicitly (Ctrl+S) even when nothing changed", async () => {
    const h = harness();
    expect(await h.saver.flush(true)).toBe(true);
    expect(h.saved).toEqual([{ text: "", base: 1, explicit: true }]);
  });
});
