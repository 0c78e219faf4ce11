// A date as the publication writes it: day, month by name (كانون الثاني … كانون الأول in Arabic)
// and year, instead of the webview's date input, which shows the US order (04/20/2025) whatever
// the interface language. Its value is an ISO date or null.
import { el } from "../dom";
import type { Strings } from "../i18n";

export interface DateField {
  element: HTMLElement;
  get(): string | null;
  set(iso: string | null): void;
  focus(): void;
  /** Words the month names and labels in the interface language. */
  render(): void;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The ISO date for day, month (1–12) and year, or null when no such day exists. */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days ? `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` : null;
}

export function createDateField(strings: () => Strings, testid: string, onChange: () => void): DateField {
  const day = el("select", { testid: `${testid}-day`, class: "date-day" });
  const month = el("select", { testid: `${testid}-month`, class: "date-month" });
  const year = el("input", { testid: `${testid}-year`, class: "date-year", dir: "ltr" });
  year.inputMode = "numeric";
  year.maxLength = 4;
  const element = el("span", { class: "date-field", testid }, day, month, year);
  element.setAttribute("role", "group");
  // While the date is being changed and is not yet a real day, the last complete one stands, so
  // an autosave in between never drops it.
  let value: string | null = null;

  const option = (text: string, v: string) => {
    const o = el("option", { text });
    o.value = v;
    return o;
  };

  function read(): void {
    const [d, m, y] = [day.value, month.value, year.value.trim()];
    const complete = isoDate(Number(d), Number(m), Number(y));
    const empty = !d && !m && !y;
    const invalid = !empty && !complete && Boolean(d && m && y.length === 4);
    element.classList.toggle("invalid", invalid);
    year.setAttribute("aria-invalid", String(invalid));
    if (empty) value = null;
    else if (complete) value = complete;
    onChange();
  }
  for (const control of [day, month, year]) control.addEventListener(control === year ? "input" : "change", read);

  function show(): void {
    const [y, m, d] = value ? value.split("-").map(Number) : [NaN, NaN, NaN];
    day.value = Number.isNaN(d) ? "" : String(d);
    month.value = Number.isNaN(m) ? "" : String(m);
    year.value = Number.isNaN(y) ? "" : String(y);
    element.classList.remove("invalid");
  }

  return {
    element,
    get: () => value,
    set(iso) {
      value = iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : null;
      show();
    },
    focus: () => day.focus(),
    render() {
      const s = strings();
      day.replaceChildren(option(s.date.day, ""), ...Array.from({ length: 31 }, (_, i) => option(String(i + 1), String(i + 1))));
      month.replaceChildren(option(s.date.month, ""), ...s.date.months.map((name, i) => option(name, String(i + 1))));
      year.placeholder = s.date.year;
      day.setAttribute("aria-label", s.date.day);
      month.setAttribute("aria-label", s.date.month);
      year.setAttribute("aria-label", s.date.year);
      show();
    },
  };
}
