// Settings: interface language and the publication's sections.
import { button, el } from "../dom";
import type { Strings } from "../i18n";
import { DEFAULT_SECTIONS, type Settings } from "../lib/settings/stored";

export function createSettingsDialog(settings: Settings, strings: () => Strings, onSave: () => void) {
  const dialog = el("dialog", { class: "settings-dialog", testid: "settings-dialog" });
  const lang = el("select", { testid: "settings-lang" });
  for (const [value, text] of [["ar", "العربية"], ["en", "English"]]) {
    const o = el("option", { text });
    o.value = value;
    lang.append(o);
  }
  const sections = el("textarea", { testid: "settings-sections", dir: "auto" });
  sections.rows = 8;
  const langLabel = el("label", { class: "field" }, el("span"), lang);
  const sectionsLabel = el("label", { class: "field" }, el("span"), sections);
  const close = button("", () => {
    settings.lang = lang.value === "en" ? "en" : "ar";
    const names = sections.value.split("\n").map((s) => s.trim()).filter(Boolean);
    settings.sections = names.length ? names : DEFAULT_SECTIONS;
    dialog.close();
    onSave();
  }, { testid: "settings-close" });
  dialog.append(langLabel, sectionsLabel, close);
  return {
    element: dialog,
    open() {
      const s = strings();
      langLabel.firstElementChild!.textContent = s.language;
      sectionsLabel.firstElementChild!.textContent = s.sections;
      close.textContent = s.close;
      lang.value = settings.lang;
      sections.value = settings.sections.join("\n");
      dialog.showModal();
    },
  };
}
