// The import flow over the in-memory backend: an article already here asks before anything is
// written, each choice does what it says, and an unknown signer is offered to be trusted — only
// on the user's word, with the trusted key's effects shown again.
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { Notices } from "../notices/notices.svelte";
import { SettingsStore } from "../settings/settings.svelte";
import { importPackage, type ImportHost } from "./import-package";

function setup() {
  const backend = new MemoryBackend();
  const notices = new Notices();
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: [] });
  const opened: string[] = [];
  const errors: string[] = [];
  let trusted = 0;
  const host: ImportHost = {
    backend,
    notices,
    strings: () => settings.strings,
    open: async (id) => void opened.push(id),
    trusted: async () => void trusted++,
    onError: (m) => void errors.push(m),
  };
  return { backend, notices, host, opened, errors, trusted: () => trusted };
}

const file = (name: string) => new File([new Uint8Array([80, 75])], name);
const choose = (notices: Notices, testid: string) => {
  const item = notices.items.find((i) => i.notice.choices?.some((c) => c.testid === testid))!;
  notices.choose(item.id, item.notice.choices!.find((c) => c.testid === testid)!);
};
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("importing a package", () => {
  it("opens what arrived and says so", async () => {
    const { backend, notices, host, opened } = setup();
    backend.packages.set("story.zip", { id: "A1", title: "خبر" });
    await importPackage(host, file("story.zip"), "ask");
    expect(opened).toEqual(["A1"]);
    expect(notices.items.map((i) => i.notice.testid)).toContain("import-done");
  });

  it("names a hand-off's sender by the key that sealed it, and warns when the desk removed them", async () => {
    const { backend, notices, host } = setup();
    const fingerprint = "0123456789abcdef0123456789abcdef";
    backend.packages.set("handoff.zip", { id: "A2", title: "خبر مسلّم", handedBy: { fingerprint, name: "ليلى حداد", standing: "trusted", name_belongs_to: null } });
    await importPackage(host, file("handoff.zip"), "ask");
    const said = notices.items.find((i) => i.notice.testid === "import-done")!.notice.message;
    expect(said).toContain("ليلى حداد");
    expect(said).toContain("خبر مسلّم");
    expect(notices.items.some((i) => i.notice.testid === "sender-removed")).toBe(false);

    backend.packages.set("late.zip", { id: "A3", title: "خبر متأخر", handedBy: { fingerprint, name: "مها", standing: "removed", name_belongs_to: null } });
    await importPackage(host, file("late.zip"), "ask");
    const warned = notices.items.find((i) => i.notice.testid === "sender-removed")!.notice;
    expect(warned.kind).toBe("error");
    expect(warned.message).toContain("مها");
    expect(notices.items.find((i) => i.notice.testid === "import-done")!.notice.message).not.toContain("مها");

    // A key not known here claiming the name of someone trusted: said plainly, as not theirs.
    backend.packages.set("forged.zip", { id: "A4", title: "خبر مزوّر", handedBy: { fingerprint, name: "ليلى حداد", standing: "unknown", name_belongs_to: "fedcba9876543210fedcba9876543210" } });
    await importPackage(host, file("forged.zip"), "ask");
    expect(notices.items.find((i) => i.notice.testid === "sender-impostor")!.notice.message).toContain("ليلى حداد");
  });

  it("asks before touching an article that is already here, and does what the choice says", async () => {
    const { backend, notices, host, opened } = setup();
    backend.packages.set("story.zip", { id: "A1", title: "خبر" });
    await importPackage(host, file("story.zip"), "ask");
    await importPackage(host, file("story.zip"), "ask");
    expect(opened).toEqual(["A1"]);
    expect(notices.items[0].notice.kind).toBe("decision");
    choose(notices, "import-keep-both");
    await settle();
    expect(opened).toEqual(["A1", "A1-copy"]);
    expect(backend.calls.filter((c) => c.startsWith("importPackage"))).toEqual(["importPackage:ask", "importPackage:ask", "importPackage:keep-both"]);

    await importPackage(host, file("story.zip"), "ask");
    choose(notices, "import-cancel");
    await settle();
    expect(opened).toHaveLength(2);
    expect(backend.calls.filter((c) => c === "importPackage:replace")).toHaveLength(0);
  });

  it("offers to trust an unknown signer, and trusts only on the user's word", async () => {
    const { backend, notices, host, trusted } = setup();
    backend.packages.set("handoff.zip", {
      id: "H1",
      title: "تسليم",
      notCounting: 1,
      unknownSigners: [{ fingerprint: "3b17dbd3c7473ec9c870f99e758b8058", public_key: "frpKFB48iqRtcDLobCwcJ/pEOWQx133C8IAjzTSzTiE=", claimed_name: "ليلى" }],
    });
    await importPackage(host, file("handoff.zip"), "ask");
    const offer = notices.items.find((i) => i.notice.testid === "unknown-signer")!;
    expect(offer.notice.message).toContain("ليلى");
    expect(offer.notice.message).toContain("3b17 dbd3");
    expect(notices.items.some((i) => i.notice.testid === "not-counting")).toBe(true);
    expect(backend.calls).not.toContain("trustSigner");

    choose(notices, "trust-journalist");
    await settle();
    expect(backend.calls).toContain("trustSigner");
    expect(trusted()).toBe(1);
    expect(notices.items.some((i) => i.notice.testid === "not-counting")).toBe(false);
  });

  it("says plainly why a file could not be taken", async () => {
    const { host, errors, opened } = setup();
    await importPackage(host, file("unknown.zip"), "ask");
    expect(opened).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
