import { DateTime } from "luxon";

/** The time zone of the archive: dates without an offset are read in it, and every date is shown in it. */
export const ARCHIVE_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** The shapes a front-matter date may take: a calendar date, or an ISO date-time with an optional offset. */
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Since 13 June 1975 Asia/Ho_Chi_Minh has been UTC+7 all year round, so wall-clock time
 * converts with plain arithmetic; earlier dates go through luxon and the time-zone database.
 */
const FIXED_OFFSET_SINCE = Date.UTC(1975, 5, 13);
const ARCHIVE_OFFSET_MS = 7 * 3600_000;

/** A day-first date as editors often type it (`31/02/2022`), recognised only to suggest a fix. */
const DAY_FIRST_SHAPE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * Reads a front-matter date. A calendar date or a date-time without an offset is wall-clock
 * time in Asia/Ho_Chi_Minh; an explicit offset or `Z` is kept. Returns undefined when the
 * text is not a real date in one of the accepted shapes.
 */
export function parseArchiveDate(text: string): Date | undefined {
  const match = DATE_SHAPE.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  const wallClock = Date.UTC(year!, month! - 1, day!, hour, minute, second);
  const check = new Date(wallClock);
  // Date.UTC rolls 2022-13-45 over into 2023; a real date survives the round trip unchanged.
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour > 23 || minute > 59 || second > 59) return undefined;
  if (match[7] === undefined && wallClock >= FIXED_OFFSET_SINCE) return new Date(wallClock - ARCHIVE_OFFSET_MS);
  const parsed = DateTime.fromISO(text.replace(" ", "T"), { zone: ARCHIVE_TIME_ZONE });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** Suggests the ISO spelling of a day-first date such as `01/07/2022`, when it names a real day. */
export function suggestIsoDate(text: string): string | undefined {
  const match = DAY_FIRST_SHAPE.exec(text);
  if (!match) return undefined;
  const [, day, month, year] = match;
  const iso = `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
  return parseArchiveDate(iso) ? iso : undefined;
}

/** The calendar fields of an instant as the archive's time zone sees them. */
export interface ArchiveDay {
  year: string;
  month: string;
  day: string;
}

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: ARCHIVE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** From this instant to year 9999 the archive's offset is a fixed UTC+7 (see FIXED_OFFSET_SINCE), so the day needs no time-zone database. */
const FIXED_OFFSET_FROM = FIXED_OFFSET_SINCE;
const FIXED_OFFSET_UNTIL = Date.UTC(9999, 0, 1);

/** Splits an instant into year, month and day in Asia/Ho_Chi_Minh, zero-padded as URLs use them. */
export function archiveDay(date: Date): ArchiveDay {
  const time = date.getTime();
  if (time >= FIXED_OFFSET_FROM && time < FIXED_OFFSET_UNTIL) {
    const local = new Date(time + ARCHIVE_OFFSET_MS);
    const month = local.getUTCMonth() + 1;
    const day = local.getUTCDate();
    return { year: String(local.getUTCFullYear()), month: month < 10 ? `0${month}` : String(month), day: day < 10 ? `0${day}` : String(day) };
  }
  const parts = Object.fromEntries(dayFormat.formatToParts(date).map((part) => [part.type, part.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day! };
}

const vietnameseFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: ARCHIVE_TIME_ZONE,
  weekday: "long",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/**
 * A formatter of instants that formats each instant once: every listing an article is in
 * shows its date again, and time-zone formatting took about 5 s of a 10,000-article build.
 */
function formattedOnce(format: (date: Date) => string): (date: Date) => string {
  const formatted = new Map<number, string>();
  return (date) => {
    let text = formatted.get(date.getTime());
    if (text === undefined) formatted.set(date.getTime(), (text = format(date)));
    return text;
  };
}

/** Formats an instant as Vietnamese readers expect it, e.g. "Thứ Sáu, 01/07/2022". */
export const formatVietnameseDate = formattedOnce((date) => {
  const parts = Object.fromEntries(vietnameseFormat.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.weekday}, ${parts.day}/${parts.month}/${parts.year}`;
});

/** Formats an instant as an ISO 8601 date-time in Asia/Ho_Chi_Minh, for `<time datetime>` and feeds. */
export const isoDateTime = formattedOnce(
  (date) => DateTime.fromJSDate(date, { zone: ARCHIVE_TIME_ZONE }).toISO({ suppressMilliseconds: true }) ?? date.toISOString(),
);
