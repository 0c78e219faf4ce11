import { describe, expect, it } from "vitest";
import { isoDate } from "./iso-date";

describe("the date field", () => {
  it("gives an ISO date only for days that exist", () => {
    expect(isoDate(20, 4, 2025)).toBe("2025-04-20");
    expect(isoDate(29, 2, 2024)).toBe("2024-02-29");
    expect(isoDate(29, 2, 2025)).toBeNull();
    expect(isoDate(31, 4, 2025)).toBeNull();
    expect(isoDate(1, 13, 2025)).toBeNull();
    expect(isoDate(1, 1, 25)).toBeNull();
    expect(isoDate(NaN, 1, 2025)).toBeNull();
  });
});
