// Where focus goes when a dialog closes: back to what had it before the dialog opened, or — when
// that is gone or out of reach — to the article's text, never to nothing (a keyboard or screen
// reader user would be left at the top of the page).

/** The element that had focus outside `dialog` last, or the editor; null when neither can take it. */
function destination(before: HTMLElement | null): HTMLElement | null {
  const reachable = (e: HTMLElement | null) => e !== null && e.isConnected && e !== document.body && !e.closest("[inert]");
  if (reachable(before)) return before;
  const editor = document.querySelector<HTMLElement>("[data-testid=editor] [contenteditable=true]");
  if (reachable(editor)) return editor;
  return document.querySelector<HTMLElement>("[data-testid=new-draft]");
}

/** Svelte action for a `<dialog>`: focus returns to where it was when the dialog closes. */
export function returnFocus(dialog: HTMLDialogElement) {
  // A dialog mounted when it is first opened starts from what had focus then.
  const focused = document.activeElement;
  let before: HTMLElement | null = focused instanceof HTMLElement && !dialog.contains(focused) ? focused : null;
  const track = (event: FocusEvent) => {
    const target = event.target;
    if (target instanceof HTMLElement && !dialog.contains(target)) before = target;
  };
  const closed = () => destination(before)?.focus();
  document.addEventListener("focusin", track, true);
  dialog.addEventListener("close", closed);
  return {
    destroy() {
      document.removeEventListener("focusin", track, true);
      dialog.removeEventListener("close", closed);
    },
  };
}
