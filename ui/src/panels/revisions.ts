// The revisions panel: an article's history, newest first, each restorable.
import type { RevisionRow } from "../bindings/RevisionRow";
import { button, el } from "../dom";
import type { Strings } from "../i18n";

export function createRevisionsPanel(onRestore: (number: number) => void) {
  const list = el("ol", { class: "revisions", testid: "revisions" });
  return {
    element: list,
    show(rows: RevisionRow[], s: Strings) {
      list.replaceChildren(
        ...rows.map((r) =>
          el(
            "li",
            { class: "revision" },
            el("span", { class: "revision-number", text: `#${r.number}` }),
            el("span", { class: "revision-kind", text: s.revisionKinds[r.kind] }),
            el("time", { text: r.created_label }),
            el("span", { class: "revision-title", text: r.title, dir: "auto" }),
            button(s.restoreRevision, () => onRestore(r.number), { testid: `restore-revision-${r.number}` }),
          ),
        ),
      );
    },
  };
}
