// What the side panels show: the preview the core rendered, the checker's findings, the
// article's revisions (and the review panels the window provides), and which one is in front.
import type { FindingRow } from "../../bindings/FindingRow";
import type { RevisionRow } from "../../bindings/RevisionRow";

export type PanelName = "preview" | "checker" | "revisions" | "comments" | "changes" | "notes" | "record" | "suggestions";

export class PanelsState {
  active = $state<PanelName>("preview");
  html = $state("");
  findings = $state<FindingRow[]>([]);
  revisions = $state<RevisionRow[]>([]);
}
