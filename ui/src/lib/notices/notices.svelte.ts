// What the window tells the user, with one owner: notices stack in one place, each until it is
// done with. A decision (a conflict's "keep mine / load theirs", an import's "keep both / replace")
// stays until one of its choices is made: no error or note that arrives later can hide it. Errors
// and notes can be dismissed; one with a `key` replaces the earlier one of that key (a save that
// keeps failing says so once, not once per retry).

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
  /** Decisions first, then the rest in the order they came. */
  items = $state<{ id: number; notice: Notice }[]>([]);
  private next = 1;

  /** Shows `notice` (replacing one with the same key) and returns its id. */
  show(notice: Notice): number {
    const kept = notice.key ? this.items.filter((i) => i.notice.key !== notice.key) : this.items;
    const id = this.next++;
    const all = [...kept, { id, notice }];
    this.items = [...all.filter((i) => i.notice.kind === "decision"), ...all.filter((i) => i.notice.kind !== "decision")];
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((i) => i.id !== id);
  }

  /** Removes the notices of `key` (a save error once the save went through). */
  dismissKey(key: string): void {
    if (this.items.some((i) => i.notice.key === key)) this.items = this.items.filter((i) => i.notice.key !== key);
  }

  /** Makes a choice of a decision: the notice goes, then the choice runs. */
  choose(id: number, choice: Choice): void {
    this.dismiss(id);
    choice.run();
  }
}
