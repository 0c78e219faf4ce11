import { describe, expect, it } from "vitest";
import { findWord, replaceWord } from "./replace-word";

describe("a finding's words", () => {
  it("are replaced where they stand as whole words, prefixes and marks kept with them", () => {
    expect(replaceWord("التقى وترامب الوفد", "وترامب", "وترمب")).toBe("التقى وترمب الوفد");
    expect(replaceWord("ترامبولين ثم ترامب.", "ترامب", "ترمب")).toBe("ترامبولين ثم ترمب.");
    // A harakah after the word belongs to it: not a place of the bare word.
    expect(findWord("تَرامبُ", "تَرامب")).toBeNull();
    expect(replaceWord("(ترامب)", "ترامب", "ترمب")).toBe("(ترمب)");
    expect(replaceWord("لا شيء هنا", "ترامب", "ترمب")).toBeNull();
    expect(replaceWord("iphone 15", "iphone", "iPhone")).toBe("iPhone 15");
  });
});
