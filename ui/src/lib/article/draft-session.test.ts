// @vitest-environment jsdom
// The open-article flow over the in-memory backend and a real ProseMirror editor: opening saves
// what is pending first, a conflict keeps the words typed here as a new article, a revision comes
// back, and a hand-off carries every word typed before it.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory";
import { DraftList } from "../drafts/drafts.svelte";
import { createBodyEditor, type BodyEditor } from "../editor/editor";
import { Notices } from "../notices/notices.svelte";
import { handOff } from "../review/handoff";
import { ReviewStore } from "../review/review.svelte";
import { SettingsStore } from "../settings/settings.svelte";
import { DraftSession } from "./draft-session.svelte";
import { ArticleFields } from "./fields.svelte";
import { OpenArticle } from "./open-article.svelte";

beforeAll(() => {
  // jsdom has no layout: ProseMirror asks for rectangles it never gets to use here.
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
  document.elementFromPoint ??= () => null;
});
afterEach(() => localStorage.clear());

function setup() {
  const backend = new MemoryBackend();
  const notices = new Notices();
  const settings = new SettingsStore({ lang: "ar", fontSize: 20, sections: [] });
  const fields = new ArticleFields();
  const open = new OpenArticle();
  const drafts = new DraftList(backend);
  const shown: string[] = [];
  let editor: BodyEditor | null = null;
  const session: DraftSession = new DraftSession({
    backend,
    editor: () => editor,
    fields,
    open,
    drafts,
    notices,
    strings: () => settings.strings,
    shown: (draft) => void shown.push(draft.id),
    saved: () => {},
    focusTitle: () => {},
  });
  editor = createBodyEditor(document.createElement("div"), {
    label: "النص",
    relatedUrlPlaceholder: "",
    relatedUrlLabel: "",
    imageText: () => ({ alt: "", caption: "", credit: "" }),
    resolveImage: async () => null,
    onChange: () => session.changed(),
    onSelectionChange: () => {},
    spelling: { check: async () => null, suggest: async () => [], noSuggestions: () => "" },
    onCommentClick: () => {},
    onSuggestionClick: () => {},
    onSuggest: () => {},
    onPendingChange: () => {},
    onSuggestRefused: () => {},
  });
  const type = (text: string) => editor!.view.dispatch(editor!.view.state.tr.insertText(text, 1));
  const bodyText = () => editor!.view.state.doc.textContent;
  return { backend, notices, settings, fields, open, drafts, session, shown, type, bodyText };
}

describe("the open article", () => {
  it("opens a draft, remembers it, and saves what was typed before opening another", async () => {
    const { backend, session, shown, open, fields, type } = setup();
    const first = backend.add("خبر أول");
    const second = backend.add("خبر ثان");
    await session.open(() => backend.loadDraft(first));
    expect([open.id, fields.title, session.saveState]).toEqual([first, "خبر أول", "saved"]);
    type("كلمات لا تضيع");
    expect(session.saveState).toBe("unsaved");
    await session.open(() => backend.loadDraft(second));
    expect(shown).toEqual([first, second]);
    expect(DraftSession.lastOf([{ id: first }, { id: second }])).toBe(second);
    const saved = await backend.loadDraft(first);
    expect(saved.ok && JSON.stringify(saved.value.article.body)).toContain("كلمات لا تضيع");
  });

  it("fetches the list again only when the draft opened is not in it yet", async () => {
    const { backend, drafts, session } = setup();
    const first = backend.add("خبر أول");
    await drafts.refresh();
    const listings = () => backend.calls.filter((c) => c === "listDrafts").length;
    const before = listings();
    await session.open(() => backend.loadDraft(first));
    expect(listings()).toBe(before);
    await session.open(() => backend.createDraft());
    expect(listings()).toBe(before + 1);
    expect(drafts.items).toHaveLength(2);
  });

  it("keeps the words typed here as a new article when the story changed elsewhere", async () => {
    const { backend, notices, session, type, bodyText } = setup();
    const id = backend.add("خبر مشترك");
    await session.open(() => backend.loadDraft(id));
    // Another window saves first.
    const theirs = await backend.loadDraft(id);
    if (!theirs.ok) throw new Error("loaded");
    await backend.saveDraft(id, { ...theirs.value.article, meta: { ...theirs.value.article.meta, title: "نسخة الزميل" } }, theirs.value.version, true);
    type("نص كتبته هنا");
    expect(await session.flush()).toBe(false);
    expect(session.saveState).toBe("conflict");
    const conflict = notices.items.find((i) => i.notice.key === "conflict");
    expect(conflict?.notice.choices?.map((c) => c.testid)).toEqual(["keep-mine", "load-theirs"]);
    await session.resolveConflict(false);
    expect(session.id).not.toBe(id);
    expect(bodyText()).toContain("نص كتبته هنا");
    expect(notices.items.some((i) => i.notice.key === "conflict")).toBe(false);
    const original = await backend.loadDraft(id);
    expect(original.ok && original.value.article.meta.title).toBe("نسخة الزميل");
  });

  it("brings a revision back as the working text", async () => {
    const { backend, session, type, bodyText } = setup();
    const id = backend.add("خبر");
    await session.open(() => backend.loadDraft(id));
    type("الصيغة الأولى");
    expect(await session.flush(true)).toBe(true);
    type("زيادة ");
    await session.flush();
    expect(bodyText()).toContain("زيادة");
    expect(await session.restoreRevision(1)).toBe(true);
    expect(bodyText()).toBe("الصيغة الأولى");
    expect(await session.restoreRevision(9)).toBe(false);
  });

  it("saves before handing off, seals it with the profile's key (asking its passphrase once), and says where it is", async () => {
    const { backend, notices, settings, session, type } = setup();
    const id = backend.add("خبر للتسليم");
    await session.open(() => backend.loadDraft(id));
    type("آخر ما كُتب");
    const asked: string[] = [];
    const review = new ReviewStore(backend, async () => {
      asked.push("passphrase");
      return "عبارة المرور";
    });
    const host = { backend, notices, strings: () => settings.strings, flush: () => session.flush(), signed: review.signed.bind(review) };
    // Without a profile there is no key to seal with: nothing is written, and the notice says so.
    await handOff(host, id);
    expect(backend.calls.slice(-2)).toEqual(["saveDraft", "handoffArticle"]);
    expect(notices.items.some((i) => i.notice.key === "handoff")).toBe(false);
    expect(notices.items.some((i) => i.notice.kind === "error" && i.notice.message.includes("profile"))).toBe(true);

    await backend.createProfile("ليلى حداد", "journalist");
    backend.keyPassphrase = "عبارة المرور";
    await handOff(host, id);
    await handOff(host, id);
    expect(asked).toEqual(["passphrase"]);
    expect(notices.items.find((i) => i.notice.key === "handoff")?.notice.message).toContain(`/handoffs/${id}.qalam-handoff`);
    await handOff(host, "D999");
    expect(notices.items.some((i) => i.notice.kind === "error" && i.notice.message.includes("D999"))).toBe(true);
  });
});
