// What the window tells the user, with one owner: notices stack in one place, each until it is
// done with. A decision (a conflict's "keep mine / load theirs", an import's "keep both / replace")
// stays until one of its choices is made: no error or note that arrives later can hide it. Errors
// and notes can be dismissed; one with a `key` replaces the earlier one of that key (a save that
// keeps failing says so once, not once per retry).
import { button, el } from "../dom";

export type NoticeKind = "error" | "info" | "decision";

export interface Choice {
  label: string;
  testid: string;
  run(): void;
}

export interface Notice {
  kind: NoticeKind;
  message: string;
  /** At most one notice per key: a new one replaces the old. */
  key?: string;
  testid?: string;
  /** For decisions: each choice removes the notice, then runs. */
  choices?: Choice[];
}

export class Notices {
  readonly element: HTMLElement;
  private items: { id: number; notice: Notice; node: HTMLElement }[] = [];
  private next = 1;

  constructor(private dismissLabel: () => string) {
    this.element = el("div", { class: "notices", testid: "banner" });
    this.element.setAttribute("role", "status");
    this.element.hidden = true;
  }

  /** Shows `notice` (replacing one with the same key) and returns its id. */
  show(notice: Notice): number {
    if (notice.key) this.removeWhere((n) => n.key === notice.key);
    const id = this.next++;
    const node = el("div", { class: `banner ${notice.kind === "decision" ? "conflict" : notice.kind}` });
    node.dataset.kind = notice.kind;
    node.append(el("p", { text: notice.message, testid: notice.testid }));
    for (const choice of notice.choices ?? []) {
      node.append(
        button(choice.label, () => {
          this.dismiss(id);
          choice.run();
        }, { testid: choice.testid }),
      );
    }
    if (notice.kind !== "decision") {
      node.append(button("×", () => this.dismiss(id), { class: "dismiss", label: this.dismissLabel() }));
    }
    // Decisions first: what waits for the user stays at the top, whatever arrives after it.
    this.items.push({ id, notice, node });
    this.items.sort((a, b) => Number(b.notice.kind === "decision") - Number(a.notice.kind === "decision"));
    this.render();
    return id;
  }

  dismiss(id: number): void {
    this.removeWhere((_, itemId) => itemId === id);
  }

  /** Removes the notices of `key` (a save error once the save went through). */
  dismissKey(key: string): void {
    this.removeWhere((n) => n.key === key);
  }

  /** Removes every notice but the decisions still waiting for the user. */
  clearAllButDecisions(): void {
    this.removeWhere((n) => n.kind !== "decision");
  }

  has(key: string): boolean {
    return this.items.some((i) => i.notice.key === key);
  }

  private removeWhere(test: (n: Notice, id: number) => boolean): void {
    const before = this.items.length;
    this.items = this.items.filter((i) => !test(i.notice, i.id));
    if (this.items.length !== before) this.render();
  }

  private render(): void {
    this.element.replaceChildren(...this.items.map((i) => i.node));
    this.element.hidden = this.items.length === 0;
  }
}
