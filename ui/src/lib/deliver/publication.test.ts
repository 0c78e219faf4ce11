// The publish step after a delivery, over the in-memory backend: asked only when a delivery ends,
// taken once with the key file's passphrase (asked once), and the story shown again.
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { ReviewStore } from "../review/review.svelte";
import { recordPublications } from "./publication";

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("recording a publication", () => {
  it("takes the step a delivery made due, once, with the passphrase asked once", async () => {
    const backend = new MemoryBackend();
    backend.keyPassphrase = "عبارة";
    let asked = 0;
    const review = new ReviewStore(backend, async () => {
      asked++;
      return "عبارة";
    });
    const published: string[] = [];
    const errors: string[] = [];
    const stop = await recordPublications({
      backend,
      signed: (call) => review.signed(call),
      published: (id) => void published.push(id),
      onError: (m) => void errors.push(m),
    });
    backend.publicationDue.add(7);
    // A step on the way is not the end: nothing is asked.
    backend.emitDelivery({ id: 7, article_id: "A1", step: "post" });
    await settle();
    expect(backend.calls.filter((c) => c.startsWith("recordPublication"))).toEqual([]);
    backend.emitDelivery({ id: 7, article_id: "A1", step: "ended" });
    await settle();
    await settle();
    expect(published).toEqual(["A1"]);
    expect(asked).toBe(1);
    // A delivery that made nothing public (a draft, one held for later): nothing shown again.
    backend.emitDelivery({ id: 8, article_id: "A2", step: "ended" });
    await settle();
    expect(published).toEqual(["A1"]);
    expect(errors).toEqual([]);
    stop();
    backend.publicationDue.add(9);
    backend.emitDelivery({ id: 9, article_id: "A3", step: "ended" });
    await settle();
    expect(published).toEqual(["A1"]);
  });
});
