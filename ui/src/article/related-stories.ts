// The related-stories list at the end of an article (أخبار مشابهة): add, edit, reorder, remove.
import type { RelatedStory } from "../bindings/RelatedStory";
import { button, el } from "../dom";
import { createDateField } from "./date-field";
import type { Strings } from "../i18n";

export function createRelatedStoriesEditor(strings: () => Strings, onChange: () => void) {
  let stories: RelatedStory[] = [];
  const list = el("ol", { class: "related-stories" });
  const add = button("", () => {
    stories.push({ title: "", url: "", date: null });
    render();
    onChange();
  }, { testid: "add-related-story" });
  const legend = el("legend");
  const element = el("fieldset", { class: "related-stories-editor" }, legend, list, add);

  function render(): void {
    const s = strings();
    legend.textContent = s.fields.related;
    add.textContent = s.fields.addRelated;
    list.replaceChildren(
      ...stories.map((story, i) => {
        const title = input(story.title, s.fields.relatedTitle, "auto", (v) => (story.title = v));
        const url = input(story.url, s.fields.relatedUrl, "ltr", (v) => (story.url = v.trim()));
        url.type = "url";
        const dateField = createDateField(strings, "related-date", () => {
          story.date = dateField.get();
          onChange();
        });
        dateField.render();
        dateField.set(story.date);
        dateField.element.setAttribute("aria-label", s.fields.relatedDate);
        const date = dateField.element;
        const move = (by: number) => () => {
          const j = i + by;
          if (j < 0 || j >= stories.length) return;
          [stories[i], stories[j]] = [stories[j], stories[i]];
          render();
          onChange();
        };
        const remove = () => {
          stories.splice(i, 1);
          render();
          onChange();
        };
        return el(
          "li",
          { class: "related-story" },
          title,
          url,
          date,
          button("↑", move(-1), { label: s.fields.moveUp }),
          button("↓", move(1), { label: s.fields.moveDown }),
          button("✕", remove, { label: s.fields.remove }),
        );
      }),
    );
  }

  function input(value: string, label: string, dir: string, set: (v: string) => void): HTMLInputElement {
    const field = el("input", { label, dir });
    field.value = value;
    field.placeholder = label;
    field.addEventListener("input", () => {
      set(field.value);
      onChange();
    });
    return field;
  }

  return {
    element,
    set(next: RelatedStory[]) {
      stories = next.map((s) => ({ ...s }));
      render();
    },
    get: (): RelatedStory[] => stories.filter((s) => s.title.trim() || s.url.trim()).map((s) => ({ ...s })),
    render,
  };
}
