import { describe, expect, it } from "vitest";
import { withoutControlChars } from "./control-chars";

describe("pasted control characters", () => {
  it("removes NUL and friends, keeps tabs and newlines, and turns Word's vertical tab into a space", () => {
    expect(withoutControlChars("قوات\u0000 أميركية\u0007")).toBe("قوات أميركية");
    expect(withoutControlChars("سطر\u000Bثانٍ")).toBe("سطر ثانٍ");
    expect(withoutControlChars("a\tb\nc")).toBe("a\tb\nc");
  });
});
