// A long article opens fast because its off-screen blocks are neither laid out nor painted until
// scrolled to (`content-visibility: auto`). But WebKitGTK makes every keystroke pay for each block
// so marked (presumably working out again, for all of them, whether they hold the selection).
// Measured in a 50,000-word story (1,450 blocks): keystroke to frame p50 52 ms, 29 of them inside
// WebKit's own editing; with no block marked, 25 ms and 5. So the blocks are skipped only while
// an article opens (the wrapper's `opening` class, styles/editor.css) and laid out once it is
// shown: a pause of about a tenth of a second in a 10,000-word article and half a second in a
// 50,000-word one, after which no keystroke pays for skipped blocks.

/** How long after an article is shown its blocks are laid out: the window has drawn it by then. */
export const LAY_OUT_AFTER_MS = 800;

export interface LayoutAfterOpening {
  /** A new article is shown: skip its off-screen blocks again, and lay them out shortly. */
  restart(): void;
}

/** Lays out the body editor's blocks after opening, as above; `wrapper` holds the editor. */
export function layoutAfterOpening(wrapper: HTMLElement): LayoutAfterOpening {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    restart() {
      clearTimeout(timer);
      wrapper.classList.add("opening");
      timer = setTimeout(() => wrapper.classList.remove("opening"), LAY_OUT_AFTER_MS);
    },
  };
}
