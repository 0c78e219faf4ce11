// Dates as the date field handles them: ISO text for a day, month and year that exist.

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The ISO date for day, month (1–12) and year, or null when no such day exists. */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days ? `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` : null;
}
