import { formatVietnameseDate, isoDateTime } from "../content/date.ts";

/**
 * The filters layouts use. Each is pure, and every date is shown in Asia/Ho_Chi_Minh,
 * whatever the time zone of the machine that builds the site.
 */
export const filters = {
  /** "Thứ Sáu, 01/07/2022" */
  vietnameseDate: (date: Date) => formatVietnameseDate(date),
  /** "2022-07-01T00:00:00+07:00", for `<time datetime>` */
  isoDateTime: (date: Date) => isoDateTime(date),
  /** Joins a list of names for a byline: "A, B và C". */
  joinNames: (names: readonly string[]) => new Intl.ListFormat("vi", { style: "long", type: "conjunction" }).format(names),
} satisfies Record<string, (...args: never[]) => unknown>;
