// The checker's findings for the article as it stands, each a button that jumps to its place.
import type { FindingRow } from "../bindings/FindingRow";
import { el } from "../dom";
import type { Strings } from "../i18n";

export function createCheckerPanel(onJump: (finding: FindingRow) => void, testid = "checker") {
  const list = el("ul", { class: "findings", testid });
  return {
    element: list,
    show(findings: FindingRow[], s: Strings) {
      if (findings.length === 0) {
        list.replaceChildren(el("li", { class: "empty", text: s.noFindings }));
        return;
      }
      list.replaceChildren(
        ...findings.map((f) => {
          const b = el("button", { class: `finding ${f.severity}`, dir: "auto" }, el("strong", { text: f.severity === "error" ? s.errorLabel : s.warningLabel }), ` ${f.message}`);
          b.type = "button";
          b.dataset.code = f.code;
          b.addEventListener("click", () => onJump(f));
          return el("li", {}, b);
        }),
      );
    },
  };
}
