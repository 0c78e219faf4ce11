// The export dialog: options, a progress bar with cancel while pictures are processed, then the
// package written (with "open folder") or the findings that stop it — errors jump to their place,
// warnings can be accepted.
import { listen } from "@tauri-apps/api/event";
import type { ExportProgress } from "../bindings/ExportProgress";
import type { FindingRow } from "../bindings/FindingRow";
import { button, el } from "../dom";
import type { Strings } from "../i18n";
import type { Backend } from "../lib/backend/backend";
import { createCheckerPanel } from "../panels/checker";

export interface ExportDeps {
  api: Backend;
  strings: () => Strings;
  sections: () => string[];
  /** Saves pending edits; false when that failed (the export then does not start). */
  flush: () => Promise<boolean>;
  onJump: (finding: FindingRow) => void;
}

export function createExportDialog(deps: ExportDeps) {
  const dialog = el("dialog", { class: "export-dialog", testid: "export-dialog" });
  const title = el("h2");
  const intro = el("p", { class: "intro" });
  const originals = el("input", { testid: "export-originals" });
  originals.type = "checkbox";
  const originalsText = el("span");
  const options = el("label", { class: "check" }, originals, originalsText);
  const progress = el("progress", { testid: "export-progress" });
  const progressText = el("p", { class: "progress-text" });
  const progressBox = el("div", { class: "progress-box" }, progress, progressText);
  const message = el("p", { class: "message", testid: "export-message" });
  const findings = createCheckerPanel((f) => {
    dialog.close();
    deps.onJump(f);
  }, "export-findings");
  const result = el("p", { class: "result", testid: "export-result" });
  const actions = el("div", { class: "actions" });
  dialog.append(title, intro, options, progressBox, message, findings.element, result, actions);
  let articleId = "";
  let running = false;
  // While pictures are processed the dialog stays open (Escape does not close it), so the export
  // can only end by finishing or by its Cancel button.
  dialog.addEventListener("cancel", (event) => {
    if (running) event.preventDefault();
  });

  function reset(): void {
    const s = deps.strings();
    title.textContent = s.exportTitle;
    intro.textContent = s.exportIntro;
    originalsText.textContent = s.includeOriginals;
    progressBox.hidden = true;
    message.textContent = "";
    findings.element.hidden = true;
    result.replaceChildren();
    actions.replaceChildren(
      button(s.startExport, () => void run(false), { testid: "export-start", class: "primary" }),
      button(s.close, () => dialog.close(), { testid: "export-close" }),
    );
  }

  async function run(acceptWarnings: boolean): Promise<void> {
    if (running || !(await deps.flush())) return;
    running = true;
    const s = deps.strings();
    findings.element.hidden = true;
    message.textContent = "";
    progressBox.hidden = false;
    progress.removeAttribute("value");
    progressText.textContent = s.exportProgress(0, 0);
    actions.replaceChildren(button(s.cancel, () => void deps.api.cancelExport(), { testid: "export-cancel" }));
    const stop = await listen<ExportProgress>("export-progress", ({ payload }) => {
      progress.max = Math.max(payload.total, 1);
      progress.value = payload.done;
      progressText.textContent = s.exportProgress(payload.done, payload.total);
    });
    try {
      const answer = await deps.api.exportArticle(articleId, originals.checked, acceptWarnings, deps.sections());
      progressBox.hidden = true;
      const close = button(s.close, () => dialog.close(), { testid: "export-close" });
      if (!answer.ok) {
        message.textContent = answer.error.message;
        actions.replaceChildren(button(s.startExport, () => void run(acceptWarnings), { class: "primary", testid: "export-start" }), close);
        return;
      }
      const report = answer.value;
      if (report.status === "exported") {
        message.textContent = s.exportDone;
        const path = el("code", { text: report.path, testid: "export-path", dir: "ltr" });
        result.replaceChildren(path, el("br"), el("small", { text: `SHA-256 ${report.sha256}`, dir: "ltr", testid: "export-sha256" }));
        const openFolder = button(s.openFolder, () => void reveal(report.path), { testid: "export-open-folder", class: "primary" });
        actions.replaceChildren(openFolder, close);
      } else if (report.status === "cancelled") {
        message.textContent = s.exportCancelled;
        actions.replaceChildren(button(s.startExport, () => void run(acceptWarnings), { class: "primary", testid: "export-start" }), close);
      } else {
        message.textContent = report.status === "not-ready" ? s.exportBlocked : s.exportWarnings;
        findings.element.hidden = false;
        findings.show(report.findings, s);
        const anyway = button(s.exportAnyway, () => void run(true), { testid: "export-anyway", class: "primary" });
        actions.replaceChildren(...(report.status === "warnings" ? [anyway, close] : [close]));
      }
    } finally {
      stop();
      running = false;
    }
  }

  async function reveal(path: string): Promise<void> {
    const answer = await deps.api.revealExport(path);
    if (!answer.ok) message.textContent = answer.error.message;
  }

  return {
    element: dialog,
    open(id: string) {
      articleId = id;
      reset();
      dialog.showModal();
    },
  };
}
