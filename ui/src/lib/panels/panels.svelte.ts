// What the side panels show: the preview the core rendered, the checker's findings and the
// article's revisions, and which of the three is in front.
import type { FindingRow } from "../../bindings/FindingRow";
import type { RevisionRow } from "../../bindings/RevisionRow";

export type PanelName = "preview" | "checker" | "revisions";

export class PanelsState {
  active = $state<PanelName>("preview");
  html = $state("");
  findings = $state<FindingRow[]>([]);
  revisions = $state<RevisionRow[]>([]);
}
