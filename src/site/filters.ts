import { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import { ARCHIVE_TIME_ZONE, formatVietnameseDate, isoDateTime } from "../content/date.ts";
import type { MonthSummary, YearSummary } from "./archive/dates.ts";
import type { Link } from "./archive/pagination.ts";
import { TAXONOMIES, termUrl, type TaxonomyKind } from "./archive/taxonomies.ts";
import { breadcrumbList, jsonForScript, newsArticle, type SiteIdentity } from "./structured-data.ts";

/** One cell of a year's calendar: the month's number, and its archive if it has articles. */
export interface CalendarCell {
  number: number;
  month?: MonthSummary;
}

/**
 * The filters layouts use. Each is pure, and every date is shown in Asia/Ho_Chi_Minh,
 * whatever the time zone of the machine that builds the site.
 */
export const filters = {
  /** "Thứ Sáu, 01/07/2022" */
  vietnameseDate: (date: Date) => formatVietnameseDate(date),
  /** "2022-07-01T00:00:00+07:00", for `<time datetime>` */
  isoDateTime: (date: Date) => isoDateTime(date),
  /** The URL of a term's listing: `"Chính trị" | termUrl("category")` → "/chuyen-muc/chinh-tri/". */
  termUrl: (name: string, kind: TaxonomyKind) => termUrl(TAXONOMIES.find((taxonomy) => taxonomy.kind === kind)!, name),
  /** The twelve months of a year, for a calendar, each with its archive when it has articles. */
  calendarMonths: (year: YearSummary): CalendarCell[] =>
    Array.from({ length: 12 }, (_, index) => ({ number: index + 1, month: year.months.find((month) => Number(month.month) === index + 1) })),
  /** RFC 822 dates for RSS, in Asia/Ho_Chi_Minh: "Fri, 01 Jul 2022 00:00:00 +0700". */
  rfc822Date: (date: Date) => DateTime.fromJSDate(date, { zone: ARCHIVE_TIME_ZONE }).toRFC2822() ?? date.toUTCString(),
  /** The `NewsArticle` JSON-LD of an article, ready for a script element. */
  newsArticleJsonLd: (article: Article, site: SiteIdentity) => jsonForScript(newsArticle(article, site)),
  /** The `BreadcrumbList` JSON-LD of a page, ready for a script element. */
  breadcrumbJsonLd: (trail: readonly Link[], current: Link, site: SiteIdentity) => jsonForScript(breadcrumbList(trail, current, site)),
} satisfies Record<string, (...args: never[]) => unknown>;
