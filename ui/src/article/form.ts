// The article's fields above the body: the title, always in view and wrapping whole, then the
// details panel (kicker, standfirst, section, tags, byline, dateline, date, lead image and related
// stories), which folds away so that writing comes first and remembers whether it was open.
// Fields the form does not show (id, language, unknown fields) are carried through untouched.
import type { FrontMatter } from "../bindings/FrontMatter";
import { el } from "../dom";
import type { Strings } from "../i18n";
import { createDateField } from "./date-field";
import { createHeroEditor, type HeroDeps } from "./hero";
import { createRelatedStoriesEditor } from "./related-stories";

type TextField = "title" | "kicker" | "standfirst" | "byline" | "dateline";

/** Whether the details panel was left open (local to this machine, like the other settings). */
const DETAILS_OPEN_KEY = "qalam.detailsOpen";

export function createArticleForm(
  strings: () => Strings,
  sections: () => string[],
  onChange: () => void,
  images: Pick<HeroDeps, "addImage" | "resolveImage">,
) {
  let base: FrontMatter | null = null;
  // A headline can be long: a text area that grows with it, one paragraph (Enter does not break it).
  const title = el("textarea", { testid: "title", class: "title-field", dir: "auto" });
  title.rows = 1;
  title.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") ev.preventDefault();
  });
  title.addEventListener("input", () => {
    if (title.value.includes("\n")) title.value = title.value.replace(/\s*\n\s*/g, " ");
    fitTitle();
  });
  const fitTitle = () => {
    title.style.blockSize = "auto";
    title.style.blockSize = `${title.scrollHeight + 2}px`;
  };
  const kicker = el("input", { testid: "kicker", dir: "auto" });
  const standfirst = el("textarea", { testid: "standfirst", dir: "auto" });
  standfirst.rows = 2;
  const category = el("select", { testid: "category" });
  const tags = el("input", { testid: "tags", dir: "auto" });
  const byline = el("input", { testid: "byline", dir: "auto" });
  const dateline = el("input", { testid: "dateline", dir: "auto" });
  const date = createDateField(strings, "date", onChange);
  // The date exactly as the publication prints it, beside the field.
  const dateLabel = el("span", { class: "date-label", testid: "date-label" });
  const related = createRelatedStoriesEditor(strings, onChange);
  const hero = createHeroEditor({ strings, onChange, ...images });
  for (const field of [title, kicker, standfirst, category, tags, byline, dateline]) {
    field.addEventListener("input", onChange);
  }
  const labelled = (key: keyof Strings["fields"], field: HTMLElement) => {
    const label = el("label", { class: `field field-${String(key)}` }, el("span", { class: "field-label" }), field);
    label.dataset.key = String(key);
    return label;
  };
  const detailsSummary = el("summary", { class: "details-summary", testid: "details-toggle" });
  const details = el(
    "details",
    { class: "article-details", testid: "details" },
    detailsSummary,
    labelled("kicker", kicker),
    labelled("standfirst", standfirst),
    el("div", { class: "field-row" }, labelled("category", category), labelled("tags", tags)),
    el("div", { class: "field-row" }, labelled("byline", byline), labelled("dateline", dateline), labelled("date", date.element), dateLabel),
    hero.element,
    related.element,
  );
  details.open = localStorage.getItem(DETAILS_OPEN_KEY) === "true";
  details.addEventListener("toggle", () => localStorage.setItem(DETAILS_OPEN_KEY, String(details.open)));
  const element = el("section", { class: "article-form" }, labelled("title", title), details);

  function renderLabels(): void {
    const s = strings();
    detailsSummary.textContent = s.fields.details;
    element.querySelectorAll<HTMLLabelElement>("label.field").forEach((label) => {
      const text = s.fields[label.dataset.key as keyof Strings["fields"]];
      label.querySelector(".field-label")!.textContent = text;
      const control = label.querySelector(".date-field") ?? label.querySelector("input,textarea,select")!;
      control.setAttribute("aria-label", text);
    });
    date.render();
    fillSections(category.value);
    related.render();
    hero.render();
  }

  function fillSections(selected: string): void {
    const options = [el("option", { text: strings().fields.noCategory })];
    options[0].value = "";
    const names = sections().includes(selected) || !selected ? sections() : [...sections(), selected];
    for (const name of names) {
      const o = el("option", { text: name });
      o.value = name;
      options.push(o);
    }
    category.replaceChildren(...options);
    category.value = selected;
  }

  const text = (v: string | null) => v ?? "";
  const optional = (v: string): string | null => (v.trim() ? v : null);

  return {
    element,
    renderLabels,
    set(meta: FrontMatter) {
      base = meta;
      title.value = meta.title;
      requestAnimationFrame(fitTitle);
      kicker.value = text(meta.kicker);
      standfirst.value = text(meta.standfirst);
      fillSections(text(meta.category));
      tags.value = meta.tags.join("، ");
      byline.value = text(meta.byline);
      dateline.value = text(meta.dateline);
      date.set(meta.date);
      related.set(meta.related);
      hero.set(meta.hero);
    },
    get(): FrontMatter {
      if (!base) throw new Error("no article is open");
      return {
        ...base,
        title: title.value,
        kicker: optional(kicker.value),
        standfirst: optional(standfirst.value),
        category: optional(category.value),
        tags: tags.value.split(/[,،]/).map((t) => t.trim()).filter(Boolean),
        byline: optional(byline.value),
        dateline: optional(dateline.value),
        date: date.get(),
        hero: hero.get(),
        related: related.get(),
      };
    },
    showDateLabel(text: string | null) {
      dateLabel.textContent = text ?? "";
    },
    focusField(name: string) {
      // A finding in a folded field opens the panel first.
      if (name !== "title") details.open = true;
      if (name === "date") return date.focus();
      const field: Record<string, HTMLElement> = { title, kicker, standfirst, category, tags, byline, dateline };
      const target = field[name as TextField] ?? (name === "related" ? related.element : name === "hero" ? hero.element : title);
      target.scrollIntoView({ block: "center" });
      target.focus();
    },
  };
}
