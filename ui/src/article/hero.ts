// The lead image (hero): chosen from disk into the library, with alt text, caption and credit.
import type { Hero } from "../bindings/Hero";
import { button, el } from "../dom";
import type { Strings } from "../i18n";

export interface HeroDeps {
  strings: () => Strings;
  addImage(file: File): Promise<string | null>;
  resolveImage(src: string): Promise<string | null>;
  onChange(): void;
}

export function createHeroEditor(deps: HeroDeps) {
  let hero: Hero | null = null;
  const legend = el("legend");
  const img = el("img", { class: "hero-thumb" });
  const file = el("input", { class: "image-file", testid: "hero-file" });
  file.type = "file";
  file.accept = "image/jpeg,image/png,image/webp,image/gif";
  const choose = button("", () => file.click(), { testid: "hero-choose" });
  const remove = button("", () => {
    hero = null;
    render();
    deps.onChange();
  }, { testid: "hero-remove" });
  const field = (key: "alt" | "caption" | "credit") => {
    const input = el("input", { dir: "auto", testid: `hero-${key}` });
    input.addEventListener("input", () => {
      if (hero) hero[key] = input.value.trim() ? input.value : null;
      deps.onChange();
    });
    return input;
  };
  const alt = field("alt");
  const caption = field("caption");
  const credit = field("credit");
  const details = el("div", { class: "hero-details" }, img, alt, caption, credit);
  const element = el("fieldset", { class: "hero-editor" }, legend, details, el("div", { class: "hero-actions" }, choose, remove, file));

  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    file.value = "";
    if (!chosen) return;
    const src = await deps.addImage(chosen);
    if (!src) return;
    hero = { src, alt: hero?.alt ?? null, caption: hero?.caption ?? null, credit: hero?.credit ?? null };
    render();
    deps.onChange();
  });

  function render(): void {
    const s = deps.strings();
    legend.textContent = s.hero.legend;
    choose.textContent = hero ? s.hero.replace : s.hero.choose;
    remove.textContent = s.hero.remove;
    remove.hidden = !hero;
    details.hidden = !hero;
    for (const [input, key] of [[alt, "alt"], [caption, "caption"], [credit, "credit"]] as const) {
      input.placeholder = s.hero[key];
      input.setAttribute("aria-label", s.hero[key]);
      if (document.activeElement !== input) input.value = hero?.[key] ?? "";
    }
    if (hero) {
      img.alt = hero.alt ?? "";
      void deps.resolveImage(hero.src).then((url) => {
        img.hidden = !url;
        if (url) img.src = url;
      });
    }
  }

  return {
    element,
    render,
    set(next: Hero | null) {
      hero = next ? { ...next } : null;
      render();
    },
    get: (): Hero | null => (hero ? { ...hero } : null),
  };
}
