// The drafts sidebar: the library's articles newest first, instant Arabic-aware search (the
// core's), a new-article button, the trash, and the sample offer on an empty library.
import type { DraftSummary } from "../bindings/DraftSummary";
import { button, el } from "../dom";
import type { Strings } from "../i18n";
import type { Backend } from "../ipc";

export interface SidebarDeps {
  api: Backend;
  strings: () => Strings;
  currentId: () => string | null;
  onOpen(id: string): void;
  onNew(): void;
  onSample(): void;
  /** A package file chosen to import. */
  onImport(file: File): void;
  onError(message: string): void;
}

export function createSidebar(deps: SidebarDeps) {
  let showingTrash = false;
  let searchTimer: number | undefined;
  const heading = el("h2", { class: "sidebar-heading" });
  const newButton = button("", () => deps.onNew(), { testid: "new-draft", class: "primary" });
  const trashToggle = button("", () => {
    showingTrash = !showingTrash;
    void refresh();
  }, { testid: "trash-toggle" });
  const search = el("input", { testid: "search", class: "search" });
  search.type = "search";
  search.dir = "auto";
  search.addEventListener("input", () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void refresh(), 150);
  });
  const list = el("ul", { class: "draft-list", testid: "draft-list" });
  const packageFile = el("input", { testid: "import-package-file" });
  packageFile.type = "file";
  packageFile.accept = ".zip,application/zip";
  packageFile.hidden = true;
  packageFile.addEventListener("change", () => {
    const file = packageFile.files?.[0];
    packageFile.value = "";
    if (file) deps.onImport(file);
  });
  const importButton = button("", () => packageFile.click(), { testid: "import-package" });
  const footer = el("div", { class: "sidebar-footer" });
  const element = el("nav", { class: "sidebar" }, el("div", { class: "sidebar-top" }, heading, newButton), search, list, footer);

  /** Redraws the list; returns the drafts shown (null when the library could not answer). */
  async function refresh(): Promise<DraftSummary[] | null> {
    const s = deps.strings();
    heading.textContent = showingTrash ? s.trash : s.drafts;
    newButton.textContent = s.newDraft;
    newButton.setAttribute("aria-label", s.newDraft);
    trashToggle.textContent = showingTrash ? s.showDrafts : s.showTrash;
    search.placeholder = s.searchPlaceholder;
    search.setAttribute("aria-label", s.search);
    list.setAttribute("aria-label", showingTrash ? s.trash : s.drafts);
    importButton.textContent = s.importPackage;
    footer.replaceChildren(trashToggle, importButton, packageFile);
    const query = search.value;
    const result = await deps.api.listDrafts(query, showingTrash);
    if (!result.ok) {
      deps.onError(`${s.loadFailed}: ${result.error.message}`);
      return null;
    }
    list.replaceChildren(...result.value.map((d) => row(d, s)));
    if (result.value.length === 0) {
      const empty = el("li", { class: "empty", text: query ? s.noResults : s.noDrafts });
      list.append(empty);
      if (!query && !showingTrash) {
        empty.append(el("p", { text: s.sampleOffer }), button(s.openSample, () => deps.onSample(), { testid: "open-sample", class: "primary" }));
      }
    }
    return result.value;
  }

  function row(d: DraftSummary, s: Strings): HTMLLIElement {
    const li = el("li", { class: "draft-row" });
    li.dataset.id = d.id;
    if (d.id === deps.currentId()) li.classList.add("current");
    const title = el("button", { class: "draft-title", text: d.title.trim() || s.untitled, dir: "auto" });
    title.type = "button";
    title.addEventListener("click", () => deps.onOpen(d.id));
    title.disabled = showingTrash;
    const status = el("span", { class: `draft-status status-${d.status}`, text: s.statuses[d.status] });
    const meta = el("div", { class: "draft-meta" }, status, el("time", { text: d.updated_label }));
    li.append(title, meta);
    if (d.snippet) li.append(el("p", { class: "draft-snippet", text: d.snippet, dir: "auto" }));
    const action = showingTrash
      ? button(s.restoreFromTrash, () => void act(deps.api.untrashDraft(d.id)), { testid: "untrash-draft", class: "row-action" })
      : button("×", () => void act(deps.api.trashDraft(d.id)), { testid: "trash-draft", label: s.moveToTrash, class: "row-action" });
    action.title = showingTrash ? s.restoreFromTrash : s.moveToTrash;
    meta.append(action);
    return li;
  }

  async function act(p: ReturnType<Backend["trashDraft"]>): Promise<void> {
    const r = await p;
    if (!r.ok) deps.onError(r.error.message);
    await refresh();
  }

  /** After a save: the saved draft's row takes its new title and time and moves to the top
   * (the list is newest first), without asking Rust for the whole list again. A search or the
   * trash view, whose rows depend on more than that, is listed again. */
  function touch(id: string, title: string, updatedLabel: string): void {
    const li = list.querySelector<HTMLLIElement>(`li.draft-row[data-id="${CSS.escape(id)}"]`);
    if (showingTrash || search.value || !li) {
      void refresh();
      return;
    }
    const s = deps.strings();
    li.querySelector(".draft-title")!.textContent = title.trim() || s.untitled;
    li.querySelector("time")!.textContent = updatedLabel;
    if (list.firstElementChild !== li) list.prepend(li);
  }

  return { element, refresh, touch };
}
