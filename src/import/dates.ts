import { parseArchiveDate } from "../content/date.ts";

/** A date the importer found, in front-matter form, and where it came from. */
export interface FoundDate {
  date: string;
  origin: string;
}

const pad = (value: string | number) => String(value).padStart(2, "0");

/** A calendar date in front-matter form, if it names a real day. */
export function calendarDate(year: string | number, month: string | number, day: string | number): string | undefined {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return parseArchiveDate(date) ? date : undefined;
}

/**
 * A dateline at the start of an article: "Chiều 1/7,", "Sáng 20-11,", "Sáng 6.2", "Ngày 20/11/2021,",
 * optionally after an agency tag such as "(Dân trí) -". Day and month, and the year when given.
 */
const DATELINE =
  /^(?:\([^()]{1,40}\)\s*[-–—]\s*)?(?:(?:sáng|chiều|trưa|tối|đêm|rạng sáng|khuya|ngày|hôm nay|hôm qua|chiều tối|sáng sớm)\s+(?:nay\s+)?(?:ngày\s+)?\(?)(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?\b/iu;

/** "năm 2022", the usual way a year is stated in Vietnamese text. */
const STATED_YEAR = /\bnăm (\d{4})\b/giu;

/** The year the text states most often ("năm 2022"; the later year on a tie), as a hint for a dateline without one. */
export function statedYear(text: string): YearHint | undefined {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(STATED_YEAR)) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  const year = [...counts].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0]?.[0];
  return year ? { year, origin: "year stated in text" } : undefined;
}

/** A year to complete a dateline that has none, and where that year came from. */
export interface YearHint {
  year: string;
  origin: string;
}

/**
 * The date of an article from its dateline, with the year from the dateline itself or
 * else from the hint (the year the text states, say).
 */
export function datelineDate(firstParagraph: string, hint: YearHint | undefined): FoundDate | undefined {
  const match = DATELINE.exec(firstParagraph);
  if (!match) return undefined;
  const [, day, month, year] = match;
  const fullYear = year ?? hint?.year;
  if (!fullYear) return undefined;
  const date = calendarDate(fullYear, month!, day!);
  return date ? { date, origin: year ? "dateline" : `dateline + ${hint!.origin}` } : undefined;
}

/** A timestamp in a news URL, as Dân Trí and others write it: `…-20201001182039979.htm`. */
const URL_TIMESTAMP = /-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{0,3}\.html?(?:[?#]|$)/;

/** The publication date-time a URL carries, in Asia/Ho_Chi_Minh, if it carries a real one. */
export function urlTimestamp(url: string): FoundDate | undefined {
  const match = URL_TIMESTAMP.exec(url);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const date = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  return parseArchiveDate(date) ? { date, origin: "url timestamp" } : undefined;
}
