// The review store's flows over the in-memory backend with a key file: the passphrase is asked
// only when the key needs it, once for the session, and asked again after a wrong one; a
// cancelled passphrase changes nothing; comments shown are the ones the backend answers with.
import { describe, expect, it } from "vitest";
import type { Anchor } from "../../bindings/Anchor";
import { MemoryBackend } from "../backend/memory";
import { ReviewStore } from "./review.svelte";

const anchor: Anchor = { field: "body", revision: 1, start: 0, end: 5, exact: "الجسر", prefix: "", suffix: " الجديد" };

function setup(answers: (string | null)[]) {
  const backend = new MemoryBackend();
  backend.keyPassphrase = "سر";
  const asked: number[] = [];
  const review = new ReviewStore(backend, async () => {
    asked.push(asked.length + 1);
    return answers.shift() ?? null;
  });
  return { backend, review, asked };
}

describe("the review store", () => {
  it("asks for the passphrase once, then signs with it for the rest of the session", async () => {
    const { review, asked } = setup(["سر"]);
    const first = await review.addComment("A1", anchor, "ما مصدر هذا؟");
    expect(first.ok).toBe(true);
    expect(review.comments).toHaveLength(1);
    expect(review.active).toBe("C1");
    const reply = await review.replyComment("A1", "C1", "وزارة النقل");
    expect(reply.ok).toBe(true);
    expect(review.comments[0].comments.map((c) => c.text)).toEqual(["ما مصدر هذا؟", "وزارة النقل"]);
    expect(asked).toEqual([1]);
  });

  it("forgets a wrong passphrase and asks again next time", async () => {
    const { review, asked } = setup(["خطأ", "سر"]);
    const wrong = await review.addComment("A1", anchor, "تعليق");
    expect(wrong.ok).toBe(false);
    expect(review.comments).toEqual([]);
    const right = await review.addComment("A1", anchor, "تعليق");
    expect(right.ok).toBe(true);
    expect(asked).toEqual([1, 2]);
  });

  it("changes nothing when the passphrase is cancelled", async () => {
    const { backend, review } = setup([null]);
    const result = await review.resolveComment("A1", "C1", true);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe("needs-passphrase");
    expect(backend.calls.filter((c) => c === "resolveComment")).toHaveLength(1);
  });

  it("keeps the notes the backend answers with", async () => {
    const { review } = setup([]);
    await review.addNote("A1", "اتصل بالمصدر غداً");
    expect(review.notes.map((n) => n.text)).toEqual(["اتصل بالمصدر غداً"]);
  });
});
