// The settings store: interface language, body text size and the publication's sections, kept in
// the webview's local storage. The interface strings are derived from the language, so nothing
// re-labels by hand: a component reading `settings.strings` redraws when the language changes.
import { stringsFor, type Language, type Strings } from "../../i18n";
import { loadSettings, saveSettings, type Settings } from "./stored";

export class SettingsStore implements Settings {
  lang = $state<Language>("ar");
  fontSize = $state(20);
  sections = $state<string[]>([]);
  readonly strings: Strings = $derived(stringsFor(this.lang));

  constructor(initial: Settings = loadSettings()) {
    this.lang = initial.lang;
    this.fontSize = initial.fontSize;
    this.sections = initial.sections;
  }

  save(): void {
    saveSettings({ lang: this.lang, fontSize: this.fontSize, sections: [...this.sections] });
  }
}
