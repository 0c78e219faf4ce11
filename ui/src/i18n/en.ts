import type { ar } from "./ar";

export const en: typeof ar = {
  appName: "Qalam",
  draftsHeading: "Drafts",
  draftsCount: (n: number) => (n === 1 ? "1 draft" : `${n} drafts`),
  untitled: "(untitled)",
  status: { draft: "Draft", review: "In review", approved: "Approved" },
  lastChange: "Last change",
  emptyLibrary: "The library is empty. Import an article from the command line:",
  importHint: "qalam import article.md",
  loadFailed: "The library could not be opened",
};
