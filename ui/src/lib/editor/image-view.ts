// An image in the body: the picture (when it is stored in the library), its alt text, caption
// and credit, each edited in a field of its own.
import type { Node as PMNode } from "prosemirror-model";
import type { EditorView, NodeView } from "prosemirror-view";

export interface ImageViewText {
  alt: string;
  caption: string;
  credit: string;
}

export function imageView(text: () => ImageViewText, resolve: (src: string) => Promise<string | null>) {
  return (node: PMNode, view: EditorView, getPos: () => number | undefined): NodeView => {
    const dom = document.createElement("figure");
    dom.className = "image-block";
    dom.contentEditable = "false";
    const img = document.createElement("img");
    const field = (attr: "alt" | "caption" | "credit", testid: string) => {
      const input = document.createElement("input");
      input.dir = "auto";
      input.dataset.testid = testid;
      input.value = node.attrs[attr] as string;
      input.placeholder = text()[attr];
      input.setAttribute("aria-label", text()[attr]);
      input.addEventListener("change", () => {
        const pos = getPos();
        if (pos !== undefined) view.dispatch(view.state.tr.setNodeAttribute(pos, attr, input.value));
      });
      return input;
    };
    const alt = field("alt", "image-alt");
    const caption = field("caption", "image-caption");
    const credit = field("credit", "image-credit");
    const show = (src: string) => {
      img.alt = node.attrs.alt as string;
      img.title = src;
      void resolve(src).then((url) => {
        if (url) img.src = url;
        img.hidden = !url;
      });
    };
    show(node.attrs.src as string);
    dom.append(img, alt, caption, credit);
    return {
      dom,
      update(next) {
        if (next.type !== node.type) return false;
        const srcChanged = next.attrs.src !== node.attrs.src;
        node = next;
        if (srcChanged) show(next.attrs.src as string);
        for (const [input, attr] of [[alt, "alt"], [caption, "caption"], [credit, "credit"]] as const) {
          if (document.activeElement !== input) input.value = next.attrs[attr] as string;
        }
        return true;
      },
      stopEvent: (event) => event.target === alt || event.target === caption || event.target === credit,
      ignoreMutation: () => true,
    };
  };
}
