// @vitest-environment jsdom
// A long article's blocks skipped while it opens and laid out once it is shown (fake timers).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LAY_OUT_AFTER_MS, layoutAfterOpening } from "./layout-after-opening";

describe("laying a long article out after it opens", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("skips the off-screen blocks while an article opens, then lays them all out", () => {
    const wrapper = document.createElement("div");
    const layout = layoutAfterOpening(wrapper);
    expect(wrapper.classList.contains("opening")).toBe(false);
    layout.restart();
    expect(wrapper.classList.contains("opening")).toBe(true);
    vi.advanceTimersByTime(LAY_OUT_AFTER_MS);
    expect(wrapper.classList.contains("opening")).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("waits again when another article is shown before the first is laid out", () => {
    const wrapper = document.createElement("div");
    const layout = layoutAfterOpening(wrapper);
    layout.restart();
    vi.advanceTimersByTime(LAY_OUT_AFTER_MS - 100);
    layout.restart();
    vi.advanceTimersByTime(LAY_OUT_AFTER_MS - 100);
    expect(wrapper.classList.contains("opening")).toBe(true);
    vi.advanceTimersByTime(100);
    expect(wrapper.classList.contains("opening")).toBe(false);
  });
});
