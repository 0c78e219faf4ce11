// The editor window: drafts sidebar, the article being written, and the preview, checker and
// revisions panels. This module wires them together; each part lives in its own file.
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { Article } from "../bindings/Article";
import type { FindingRow } from "../bindings/FindingRow";
import type { LoadedDraft } from "../bindings/LoadedDraft";
import { Autosaver, type SaveState } from "../article/autosave";
import ArticleForm from "../lib/article/ArticleForm.svelte";
import { ArticleFields } from "../lib/article/fields.svelte";
import { createToolbar } from "../article/toolbar";
import { button, el } from "../dom";
import { mount } from "svelte";
import Sidebar from "../lib/drafts/Sidebar.svelte";
import { DraftList } from "../lib/drafts/drafts.svelte";
import { OpenArticle } from "../lib/article/open-article.svelte";
import { SettingsStore } from "../lib/settings/settings.svelte";
import { insertImage } from "../editor/commands";
import { createBodyEditor, type BodyEditor } from "../editor/editor";
import { imageUrl } from "../images";
import type { Strings } from "../i18n";
import type { IpcResult } from "../lib/backend/backend";
import { tauriBackend } from "../lib/backend/tauri";
import SidePanels from "../lib/panels/SidePanels.svelte";
import { PanelsState } from "../lib/panels/panels.svelte";
import { FONT_SIZES } from "../lib/settings/stored";
import SettingsDialog from "../lib/settings/SettingsDialog.svelte";
import ExportDialog from "../lib/export/ExportDialog.svelte";
import { Notices } from "./notices";

const LAST_DRAFT_KEY = "qalam.lastDraft";
/** The one notice a failing autosave keeps up to date (it retries; the notice says so once). */
const SAVE_ERROR = "save-error";
const REVIEW_DELAY_MS = 400;

export function mountApp(root: HTMLElement): void {
  const settings = new SettingsStore();
  const strings = (): Strings => settings.strings;
  const api = tauriBackend(() => settings.lang);

  let current: { id: string; saver: Autosaver } | null = null;
  let editor: BodyEditor | null = null;
  let reviewTimer: number | undefined;
  let toolbarFrame = 0;
  /** The language Qalam's own spell checker checks in; null while the webview's serves. */
  let spellingLanguage: string | null = null;

  // ---- parts ----
  const drafts = new DraftList(api);
  const open = new OpenArticle();
  const sidebarHost = el("div", { class: "sidebar-host" });
  mount(Sidebar, {
    target: sidebarHost,
    props: {
      backend: api,
      drafts,
      settings,
      open,
      onOpen: (id: string) => void openDraft(() => api.loadDraft(id)),
      onNew: () => void openDraft(() => api.createDraft(), true),
      onSample: () => void openDraft(() => api.importSample()),
      onImport: (file: File) => void importPackage(file, "ask"),
      onError: showError,
    },
  });
  const fields = new ArticleFields();
  const formHost = el("div", { class: "form-host" });
  const form = mount(ArticleForm, {
    target: formHost,
    props: {
      fields,
      settings,
      onChange: () => edited(),
      addImage: async (file: File) => {
        const result = await api.addImage(file);
        if (result.ok) return result.value.src;
        showError(result.error.message);
        return null;
      },
      resolveImage: (src: string) => imageUrl(api, src),
    },
  });
  const toolbar = createToolbar(() => editor, strings, stepFont, (file) => void addImage(file));
  const editorMount = el("div", { class: "body-editor" });
  const saveState = el("span", { class: "save-state", testid: "save-state" });
  const counts = el("span", { class: "counts", testid: "word-count" });
  const notices = new Notices(() => strings().close);
  const panelsState = new PanelsState();
  const panels = el("div", { class: "side-panels-host" });
  mount(SidePanels, {
    target: panels,
    props: {
      panels: panelsState,
      settings,
      resolveImage: (src: string) => imageUrl(api, src),
      onJump: jumpTo,
      onRestore: (n: number) => void restoreRevision(n),
      onShowRevisions: () => void refreshRevisions(),
    },
  });
  const settingsHost = el("div", { class: "dialog-host" });
  const settingsDialog = mount(SettingsDialog, {
    target: settingsHost,
    props: {
      settings,
      onSave: () => {
        settings.save();
        applyLanguage();
        void drafts.refresh();
        scheduleReview(0);
      },
    },
  });
  const settingsButton = button("⚙", () => settingsDialog.open(), { testid: "settings" });
  const exportHost = el("div", { class: "dialog-host" });
  const exportDialog = mount(ExportDialog, {
    target: exportHost,
    props: {
      backend: api,
      settings,
      flush: async () => (current ? current.saver.flush() : false),
      onJump: jumpTo,
    },
  });
  const exportButton = button("", () => current && exportDialog.open(current.id), { testid: "export", class: "primary" });
  const emptyState = el("p", { class: "empty-workspace" });
  const writing = el("div", { class: "writing" }, formHost, toolbar.element, editorMount);
  const columns = el("div", { class: "columns" }, writing, panels);
  const statusBar = el("div", { class: "status-bar" }, saveState, counts, el("span", { class: "spacer" }), exportButton, settingsButton);
  const workspace = el("main", { class: "workspace" }, statusBar, notices.element, emptyState, columns);
  root.replaceChildren(el("div", { class: "app" }, sidebarHost, workspace, settingsHost, exportHost));

  editor = createBodyEditor(editorMount, {
    label: strings().editorLabel,
    relatedUrlPlaceholder: strings().relatedUrlPlaceholder,
    relatedUrlLabel: strings().relatedUrlLabel,
    imageText: () => ({ alt: strings().imageAlt, caption: strings().imageCaption, credit: strings().imageCredit }),
    resolveImage: (src) => imageUrl(api, src),
    onChange: () => edited(),
    spelling: {
      check: async (texts) => {
        if (!spellingLanguage) return null;
        const result = await api.checkSpelling(texts, spellingLanguage);
        return result.ok ? result.value : null;
      },
      suggest: async (word) => {
        const result = spellingLanguage ? await api.suggestSpelling(word, spellingLanguage) : null;
        return result?.ok ? result.value : [];
      },
      noSuggestions: () => strings().noSuggestions,
    },
    // Button states are worked out once per frame, not once per keystroke.
    onSelectionChange: () => {
      if (toolbarFrame) return;
      toolbarFrame = requestAnimationFrame(() => {
        toolbarFrame = 0;
        toolbar.refresh();
      });
    },
  });

  // ---- behaviour ----
  function applyLanguage(): void {
    const s = strings();
    document.documentElement.lang = settings.lang;
    document.documentElement.dir = settings.lang === "ar" ? "rtl" : "ltr";
    document.title = s.appName;
    emptyState.textContent = s.pickDraft;
    editor?.view.dom.setAttribute("aria-label", s.editorLabel);
    exportButton.textContent = s.exportPackage;
    settingsButton.title = s.settings;
    settingsButton.setAttribute("aria-label", s.settings);
    toolbar.relabel();
    toolbar.refresh();
    setSaveState(current ? "saved" : null);
    document.documentElement.style.setProperty("--body-size", `${settings.fontSize}px`);
  }

  function stepFont(step: number): void {
    const i = FONT_SIZES.indexOf(settings.fontSize) + step;
    settings.fontSize = FONT_SIZES[Math.max(0, Math.min(FONT_SIZES.length - 1, i))];
    settings.save();
    document.documentElement.style.setProperty("--body-size", `${settings.fontSize}px`);
  }



  function setSaveState(state: SaveState | null, detail?: string): void {
    // Every keystroke reports "unsaved": touching the status bar only on a change keeps a
    // keystroke from invalidating the layout of the whole window.
    const name = state ?? "none";
    if (saveState.dataset.state === name && state !== "error" && saveState.dataset.lang === settings.lang) return;
    saveState.dataset.lang = settings.lang;
    const s = strings();
    saveState.dataset.state = state ?? "none";
    saveState.textContent = state === null || state === "conflict" ? "" : s.saveState[state];
    if (state === "error") {
      notices.show({ kind: "error", key: SAVE_ERROR, message: `${s.saveState.error}: ${detail ?? ""} — ${s.saveState.retrying}` });
    } else if (state === "conflict") showConflict();
    else if (state === "saved") notices.dismissKey(SAVE_ERROR);
  }

  function showError(message: string): void {
    notices.show({ kind: "error", message });
  }

  function showConflict(): void {
    const s = strings();
    notices.show({
      kind: "decision",
      key: "conflict",
      message: s.conflict,
      choices: [
        { label: s.keepMineAsCopy, testid: "keep-mine", run: () => void resolveConflict(false) },
        { label: s.loadTheirs, testid: "load-theirs", run: () => void resolveConflict(true) },
      ],
    });
  }

  function snapshot(): Article {
    return { meta: fields.get(), body: editor!.getBody() };
  }

  function edited(): void {
    if (!current) return;
    current.saver.changed();
    scheduleReview(REVIEW_DELAY_MS);
  }

  function scheduleReview(ms: number): void {
    window.clearTimeout(reviewTimer);
    reviewTimer = window.setTimeout(() => void review(), ms);
  }

  async function review(): Promise<void> {
    if (!current) return;
    const result = await api.previewAndCheck(snapshot(), settings.sections);
    if (!result.ok) return;
    const s = strings();
    panelsState.html = result.value.html;
    panelsState.findings = result.value.findings;
    fields.dateLabel = result.value.date_label;
    counts.textContent = `${s.words(result.value.words)} · ${s.readingTime(result.value.reading_minutes)}`;
  }

  async function refreshRevisions(): Promise<void> {
    if (!current) return;
    const result = await api.listRevisions(current.id);
    if (result.ok) panelsState.revisions = result.value;
  }

  /** Saves what is pending, then shows the draft `load` returns. Nothing typed is dropped. */
  async function openDraft(load: () => Promise<IpcResult<LoadedDraft>>, focusTitle = false): Promise<void> {
    if (current && !(await current.saver.flush())) return;
    current?.saver.dispose();
    const result = await load();
    if (!result.ok) {
      showError(result.error.message);
      return;
    }
    show(result.value);
    await drafts.refresh();
    if (focusTitle) form.focusField("title");
  }

  function show(draft: LoadedDraft): void {
    const saver: Autosaver = new Autosaver(
      {
        save: (article, base, explicit) => api.saveDraft(draft.id, article, base, explicit),
        snapshot,
        onState: setSaveState,
        onSaved: (saved) => drafts.touch(draft.id, fields.title, saved.updated_label),
      },
      draft.version,
    );
    current = { id: draft.id, saver };
    open.id = draft.id;
    localStorage.setItem(LAST_DRAFT_KEY, draft.id);
    fields.set(draft.article.meta);
    editor!.setBody(draft.article.body);
    editor!.view.dom.setAttribute("lang", draft.article.meta.language);
    spellingLanguage = null;
    const language = draft.article.meta.language;
    void api.setSpellingLanguage(language).then((result) => {
      const own = result.ok && result.value;
      spellingLanguage = own ? language : null;
      editor!.useOwnSpelling(own);
    });
    workspace.classList.add("has-draft");
    setSaveState("saved");
    // The editor paints first; the preview and the checks follow a moment later.
    scheduleReview(REVIEW_DELAY_MS);
    if (panelsState.active === "revisions") void refreshRevisions();
  }

  async function restoreRevision(number: number): Promise<void> {
    if (!current || !(await current.saver.flush())) return;
    const result = await api.restoreRevision(current.id, number, current.saver.currentVersion);
    if (!result.ok) return showError(result.error.message);
    show(result.value);
    await refreshRevisions();
    await drafts.refresh();
  }

  /** After a conflict, the text in this editor is kept as a new article; then either it or the newer version is opened. */
  async function resolveConflict(openTheirs: boolean): Promise<void> {
    if (!current) return;
    const mine = snapshot();
    const theirsId = current.id;
    const copy = await api.createDraft();
    if (!copy.ok) return showError(copy.error.message);
    const saved = await api.saveDraft(copy.value.id, { ...mine, meta: { ...mine.meta, id: null } }, copy.value.version, true);
    if (!saved.ok) return showError(saved.error.message);
    current.saver.dispose();
    current = null;
    await openDraft(() => (openTheirs ? api.loadDraft(theirsId) : api.loadDraft(copy.value.id)));
  }

  async function addImage(file: File): Promise<void> {
    const result = await api.addImage(file);
    if (!result.ok) return showError(result.error.message);
    editor?.run(insertImage(result.value.src));
  }

  /** Imports a package file; if its article is already here, asks whether to keep both or replace. */
  async function importPackage(file: File, ifExists: "ask" | "keep-both" | "replace"): Promise<void> {
    const s = strings();
    const result = await api.importPackage(file, ifExists);
    if (!result.ok && result.error.code === "already-exists") {
      notices.show({
        kind: "decision",
        key: "import",
        message: result.error.message,
        choices: [
          { label: s.keepBoth, testid: "import-keep-both", run: () => void importPackage(file, "keep-both") },
          { label: s.replace, testid: "import-replace", run: () => void importPackage(file, "replace") },
          { label: s.cancel, testid: "import-cancel", run: () => {} },
        ],
      });
      return;
    }
    if (!result.ok) return showError(result.error.message);
    await openDraft(() => api.loadDraft(result.value.id));
    notices.show({ kind: "info", key: "import", message: s.imported(result.value.title), testid: "import-done" });
  }

  function jumpTo(finding: FindingRow): void {
    if (finding.block !== null) editor?.focusBlock(finding.block);
    else if (finding.field) form.focusField(finding.field);
  }

  // ---- window events ----
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      void current?.saver.flush(true).then(() => refreshRevisions());
    }
  });
  window.addEventListener("blur", () => void current?.saver.flush());
  editorMount.addEventListener("focusout", () => void current?.saver.flush());
  // Closing saves first. If the save cannot succeed (the banner says why), a second close goes
  // through, so a broken disk cannot trap the user in the window.
  let closeRequests = 0;
  void getCurrentWindow().onCloseRequested(async (event) => {
    if (++closeRequests > 1) return;
    event.preventDefault();
    const saved = current ? await current.saver.flush() : true;
    if (saved) await getCurrentWindow().destroy();
  });

  applyLanguage();
  // Start on the draft the user had open last (or the newest one).
  void (async () => {
    const listed = await drafts.refresh();
    if (!listed || listed.length === 0) return;
    const last = localStorage.getItem(LAST_DRAFT_KEY);
    const id = listed.some((d) => d.id === last) ? last! : listed[0].id;
    await openDraft(() => api.loadDraft(id));
  })();
}
