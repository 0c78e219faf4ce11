// A related-story entry in the editor: its title is edited as text, its URL in a field beside it.
import type { Node as PMNode } from "prosemirror-model";
import type { EditorView, NodeView } from "prosemirror-view";

export function relatedItemView(placeholder: string, label: string) {
  return (node: PMNode, view: EditorView, getPos: () => number | undefined): NodeView => {
    const dom = document.createElement("li");
    dom.className = "related-item";
    const title = document.createElement("span");
    title.className = "related-title";
    title.dir = "auto";
    const url = document.createElement("input");
    url.type = "url";
    url.className = "related-url";
    url.dir = "ltr";
    url.placeholder = placeholder;
    url.setAttribute("aria-label", label);
    url.dataset.testid = "related-url";
    url.value = node.attrs.url as string;
    url.addEventListener("change", () => {
      const pos = getPos();
      if (pos === undefined) return;
      view.dispatch(view.state.tr.setNodeAttribute(pos, "url", url.value.trim()));
    });
    dom.append(title, url);
    return {
      dom,
      contentDOM: title,
      update(next) {
        if (next.type !== node.type) return false;
        node = next;
        if (document.activeElement !== url) url.value = next.attrs.url as string;
        return true;
      },
      // The URL field handles its own typing; ProseMirror must not take it over.
      stopEvent: (event) => event.target === url,
      ignoreMutation: (mutation) => mutation.target === url,
    };
  };
}
