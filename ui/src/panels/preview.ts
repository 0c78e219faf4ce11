// The live preview: the article as it will be published, rendered by the core. The HTML is safe by
// construction (the core escapes all text and links only allowed URLs); the page's CSP forbids
// inline script on top of that.
import { el } from "../dom";

export function createPreview(resolveImage: (src: string) => Promise<string | null>) {
  const frame = el("div", { class: "preview-page", testid: "preview" });
  return {
    element: frame,
    show(html: string) {
      frame.innerHTML = html;
      // Links in the preview are for reading, not for leaving the editor.
      frame.querySelectorAll("a").forEach((a) => a.addEventListener("click", (e) => e.preventDefault()));
      // Pictures stored in the library are shown from their bytes; other paths stay as written.
      frame.querySelectorAll("img").forEach((img) => {
        const src = img.getAttribute("src") ?? "";
        void resolveImage(src).then((url) => {
          if (url) img.src = url;
        });
      });
    },
  };
}
