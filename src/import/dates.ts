import { parseArchiveDate } from "../content/date.ts";

/** A date the importer found, in front-matter form, where it came from, and why an editor should check it, if they should. */
export interface FoundDate {
  date: string;
  origin: string;
  review?: string;
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

/**
 * The years a text can date a news article in: from 1865, when Gia Định báo, the first
 * Vietnamese-language newspaper, began, to next year (the clock's year, with a margin for
 * time zones). Outside them a year is a typo or history ("năm 2917", "ngày 9/8/1173"), and
 * would put the article first or last in the archive.
 */
const PUBLICATION_YEARS = { first: 1865, last: new Date().getUTCFullYear() + 1 };

/** Whether a year is one a news article can be published in (see PUBLICATION_YEARS). */
function isPublicationYear(year: string): boolean {
  return Number(year) >= PUBLICATION_YEARS.first && Number(year) <= PUBLICATION_YEARS.last;
}

/**
 * The year a paragraph states most often ("năm 2022"; the later year on a tie) of those an
 * article can be published in, for a dateline without one. Only the dateline's own paragraph
 * is asked: years further into an article are as often history ("sinh năm 1969") as the present.
 */
function statedYear(paragraph: string): string | undefined {
  const counts = new Map<string, number>();
  for (const match of paragraph.matchAll(STATED_YEAR)) if (isPublicationYear(match[1]!)) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0]?.[0];
}

/**
 * The date of an article from the dateline that opens a paragraph, with the year from the
 * dateline itself or else the year that paragraph states; the second is marked for review.
 * A year no article can be published in (see PUBLICATION_YEARS) gives no date.
 */
export function datelineDate(paragraph: string): FoundDate | undefined {
  const match = DATELINE.exec(paragraph);
  if (!match) return undefined;
  const [, day, month, year] = match;
  if (year !== undefined && !isPublicationYear(year)) return undefined;
  const fullYear = year ?? statedYear(paragraph);
  const date = fullYear ? calendarDate(fullYear, month!, day!) : undefined;
  if (!date) return undefined;
  return year ? { date, origin: "dateline" } : { date, origin: "dateline + year stated in text", review: "the year of the date is the one the text states" };
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
