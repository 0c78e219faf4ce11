// Tiny DOM helpers. Text always goes in through textContent, never as markup.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; testid?: string; label?: string; dir?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.testid) node.dataset.testid = props.testid;
  if (props.label) node.setAttribute("aria-label", props.label);
  if (props.dir) node.dir = props.dir;
  node.append(...children);
  return node;
}

export function button(text: string, onClick: () => void, props: { testid?: string; label?: string; class?: string } = {}): HTMLButtonElement {
  const b = el("button", { text, ...props });
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}
