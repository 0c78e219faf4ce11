// The drafts list: every article in the library, newest change first. Built with DOM APIs and
// textContent only, so no title can ever be read as markup.
import { call, type DraftSummary } from "../ipc";
import { strings } from "../i18n";

export async function mountDraftsView(root: HTMLElement): Promise<void> {
  const shell = el("main", "drafts-shell");
  const header = el("header", "drafts-header");
  const heading = el("h1", "", strings.draftsHeading);
  const count = el("span", "drafts-count");
  header.append(heading, count);
  const list = el("ul", "draft-list");
  list.dataset.testid = "draft-list";
  list.setAttribute("aria-label", strings.draftsHeading);
  shell.append(header, list);
  root.replaceChildren(shell);

  const result = await call<DraftSummary[]>("list_drafts");
  if (!result.ok) {
    shell.append(el("p", "error-banner", `${strings.loadFailed}: ${result.error.message}`));
    return;
  }
  count.textContent = strings.draftsCount(result.value.length);
  if (result.value.length === 0) {
    const empty = el("p", "empty-state", strings.emptyLibrary);
    empty.append(el("code", "", strings.importHint));
    shell.append(empty);
    return;
  }
  list.append(...result.value.map(draftRow));
}

function draftRow(draft: DraftSummary): HTMLLIElement {
  const row = el("li", "draft-row");
  row.dataset.id = draft.id;
  const title = el("span", "draft-title", draft.title.trim() || strings.untitled);
  title.dir = "auto";
  const status = el("span", `draft-status status-${draft.status}`, strings.status[draft.status] ?? draft.status);
  const when = el("time", "draft-updated", draft.updated_label);
  when.title = strings.lastChange;
  row.append(title, status, when);
  return row;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
