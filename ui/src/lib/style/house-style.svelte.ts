// The house style in the window: what the library checks and publishes with, and — for a chief —
// a draft of it to edit rule by rule, try on a text and issue. Nothing is kept until it is issued:
// issuing signs the whole style with the chief's key (the core's one entry) and the desk carries
// it to every colleague at the next sync.
import type { HouseStyle } from "../../bindings/HouseStyle";
import type { HouseStyleRow } from "../../bindings/HouseStyleRow";
import type { StyleHitRow } from "../../bindings/StyleHitRow";
import type { StyleRule } from "../../bindings/StyleRule";
import type { Backend, IpcResult } from "../backend/backend";

export type Signed = <T>(call: (passphrase: string | null) => Promise<IpcResult<T>>) => Promise<IpcResult<T>>;

/** A rule as its form holds it: spellings one per line, the optional parts as plain text. */
export interface RuleForm {
  id: string;
  kind: StyleRule["kind"];
  find: string;
  replace: string;
  ar: string;
  en: string;
  blocks: boolean;
  enabled: boolean;
}

export function emptyForm(): RuleForm {
  return { id: "", kind: "prefer", find: "", replace: "", ar: "", en: "", blocks: false, enabled: true };
}

export function formOf(rule: StyleRule): RuleForm {
  return {
    id: rule.id,
    kind: rule.kind,
    find: rule.find.join("\n"),
    replace: rule.replace ?? "",
    ar: rule.message.ar,
    en: rule.message.en ?? "",
    blocks: rule.severity === "error",
    enabled: rule.enabled,
  };
}

/** The rule a form describes; its bounds are the core's to check when it is tried or issued. */
export function ruleOf(form: RuleForm): StyleRule {
  const replace = form.replace.trim();
  return {
    id: form.id.trim(),
    kind: form.kind,
    find: form.find.split("\n").map((s) => s.trim()).filter(Boolean),
    replace: form.kind === "needs-source" || !replace ? null : replace,
    message: { ar: form.ar.trim(), en: form.en.trim() || null },
    severity: form.blocks ? "error" : "warning",
    enabled: form.enabled,
  };
}

export class HouseStyleStore {
  row = $state<HouseStyleRow | null>(null);
  /** The chief's working copy; equal to the issued style until something is changed. */
  draft = $state<HouseStyle>({ rules: [], publication: { digits: "as-typed", hijri: false } });
  changed = $state(false);
  hits = $state<StyleHitRow[] | null>(null);
  message = $state("");

  constructor(private backend: Backend, private signed: Signed = (call) => call(null)) {}

  async refresh(): Promise<void> {
    const answer = await this.backend.getHouseStyle();
    if (!answer.ok) {
      this.message = answer.error.message;
      return;
    }
    this.row = answer.value;
    // A copy: editing the draft never touches the row as issued.
    this.draft = structuredClone(answer.value.style);
    this.changed = false;
  }

  /** Adds the form's rule, or replaces the rule it edits (`editing`: that rule's id). */
  putRule(form: RuleForm, editing: string | null): void {
    const rule = ruleOf(form);
    const rules = this.draft.rules.filter((r) => r.id !== editing);
    const at = editing === null ? rules.length : this.draft.rules.findIndex((r) => r.id === editing);
    rules.splice(at < 0 ? rules.length : at, 0, rule);
    this.draft = { ...this.draft, rules };
    this.touched();
  }

  removeRule(id: string): void {
    this.draft = { ...this.draft, rules: this.draft.rules.filter((r) => r.id !== id) };
    this.touched();
  }

  toggleRule(id: string): void {
    this.draft = { ...this.draft, rules: this.draft.rules.map((r) => (r.id === id ? { ...r, enabled: !r.enabled } : r)) };
    this.touched();
  }

  setPublication(publication: HouseStyle["publication"]): void {
    this.draft = { ...this.draft, publication };
    this.touched();
  }

  /** Where the draft's rules meet `text` (the core matches, as the checker will). */
  async tryOn(text: string): Promise<void> {
    const answer = await this.backend.tryHouseStyle($state.snapshot(this.draft) as HouseStyle, text);
    if (answer.ok) {
      this.hits = answer.value;
      this.message = "";
    } else {
      this.hits = null;
      this.message = answer.error.message;
    }
  }

  /** Signs and issues the draft; true when the library took it. */
  async issue(): Promise<boolean> {
    const style = $state.snapshot(this.draft) as HouseStyle;
    const answer = await this.signed((passphrase) => this.backend.issueHouseStyle(style, passphrase));
    if (!answer.ok) {
      this.message = answer.error.message;
      return false;
    }
    this.row = answer.value;
    this.changed = false;
    this.message = "";
    return true;
  }

  private touched(): void {
    this.changed = true;
    this.hits = null;
  }
}
