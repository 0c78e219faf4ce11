// The formatting toolbar. Buttons are enabled only when their command can run here.
import { redo, undo } from "prosemirror-history";
import type { Command } from "prosemirror-state";
import { button, el } from "../dom";
import type { BodyEditor } from "../editor/editor";
import {
  insertPullQuote,
  insertRelated,
  setDirection,
  setLink,
  toggleBlockquote,
  toggleBold,
  toggleBulletList,
  toggleHeading,
  toggleItalic,
  toggleOrderedList,
} from "../editor/commands";
import type { Strings } from "../i18n";

type Key = keyof Strings["toolbar"];

export function createToolbar(
  editor: () => BodyEditor | null,
  strings: () => Strings,
  onFontStep: (step: number) => void,
  onImageFile: (file: File) => void,
) {
  // `text` is a glyph every bundled font draws; an empty one shows the label itself (a word reads
  // better than a symbol nobody knows, such as the box the related-block glyph drew as).
  const items: { key: Key; text: string; testid: string; command: Command }[] = [
    { key: "heading2", text: "H2", testid: "heading-2", command: toggleHeading(2) },
    { key: "heading3", text: "H3", testid: "heading-3", command: toggleHeading(3) },
    { key: "bold", text: "B", testid: "bold", command: toggleBold },
    { key: "italic", text: "I", testid: "italic", command: toggleItalic },
    { key: "bulletList", text: "•", testid: "bullet-list", command: toggleBulletList },
    { key: "orderedList", text: "1.", testid: "ordered-list", command: toggleOrderedList },
    { key: "quote", text: "”", testid: "quote", command: toggleBlockquote },
    { key: "pullQuote", text: "❝", testid: "insert-pullquote", command: insertPullQuote },
    { key: "related", text: "", testid: "insert-related", command: insertRelated },
    { key: "directionRtl", text: "←ع", testid: "direction-rtl", command: setDirection("rtl") },
    { key: "directionLtr", text: "A→", testid: "direction-ltr", command: setDirection("ltr") },
    { key: "directionAuto", text: "⇄", testid: "direction-auto", command: setDirection("auto") },
    { key: "undo", text: "↶", testid: "undo", command: undo },
    { key: "redo", text: "↷", testid: "redo", command: redo },
  ];
  const buttons = items.map((item) => {
    const b = button(item.text, () => {
      const e = editor();
      if (e) {
        e.run(item.command);
        e.view.focus();
      }
    }, { testid: item.testid });
    // Keep the editor's selection: a mousedown on a button would otherwise take the focus.
    b.addEventListener("mousedown", (ev) => ev.preventDefault());
    return { item, b };
  });
  const linkInput = el("input", { class: "link-input", dir: "ltr", testid: "link-url" });
  linkInput.type = "url";
  const linkApply = button("", () => {
    const e = editor();
    if (e) e.run(setLink(linkInput.value));
    linkBox.hidden = true;
    e?.view.focus();
  }, { testid: "link-apply" });
  const linkBox = el("span", { class: "link-box" }, linkInput, linkApply);
  linkBox.hidden = true;
  const linkButton = button("", () => {
    linkBox.hidden = !linkBox.hidden;
    if (!linkBox.hidden) linkInput.focus();
  }, { testid: "link" });
  linkButton.addEventListener("mousedown", (ev) => ev.preventDefault());
  // Images come from disk through a file field; the button opens it.
  const imageFile = el("input", { class: "image-file", testid: "image-file" });
  imageFile.type = "file";
  imageFile.accept = "image/jpeg,image/png,image/webp,image/gif";
  imageFile.addEventListener("change", () => {
    const file = imageFile.files?.[0];
    if (file) onImageFile(file);
    imageFile.value = "";
  });
  const imageButton = button("", () => imageFile.click(), { testid: "insert-image" });
  imageButton.addEventListener("mousedown", (ev) => ev.preventDefault());
  const smaller = button("ا−", () => onFontStep(-1), { testid: "font-smaller" });
  const larger = button("ا+", () => onFontStep(1), { testid: "font-larger" });
  const element = el("div", { class: "toolbar", testid: "toolbar" }, ...buttons.map((x) => x.b), linkButton, linkBox, imageButton, imageFile, el("span", { class: "spacer" }), smaller, larger);
  element.setAttribute("role", "toolbar");

  return {
    element,
    /** Enables each button whose command can run here; only changed states touch the DOM. */
    refresh() {
      const e = editor();
      for (const { item, b } of buttons) {
        const disabled = !e || !e.can(item.command);
        if (b.disabled !== disabled) b.disabled = disabled;
      }
    },
    /** Words the buttons in the interface language. */
    relabel() {
      const s = strings();
      for (const { item, b } of buttons) {
        b.title = s.toolbar[item.key];
        b.setAttribute("aria-label", s.toolbar[item.key]);
        if (!item.text) b.textContent = s.toolbar[item.key];
      }
      imageButton.textContent = s.toolbar.image;
      imageButton.title = s.toolbar.image;
      imageButton.setAttribute("aria-label", s.toolbar.image);
      imageFile.setAttribute("aria-label", s.toolbar.image);
      linkButton.textContent = s.toolbar.link;
      linkButton.title = s.toolbar.link;
      linkButton.setAttribute("aria-label", s.toolbar.link);
      linkInput.placeholder = s.toolbar.linkPrompt;
      linkInput.setAttribute("aria-label", s.toolbar.linkPrompt);
      linkApply.textContent = s.toolbar.applyLink;
      smaller.title = s.toolbar.smaller;
      smaller.setAttribute("aria-label", s.toolbar.smaller);
      larger.title = s.toolbar.larger;
      larger.setAttribute("aria-label", s.toolbar.larger);
    },
  };
}
