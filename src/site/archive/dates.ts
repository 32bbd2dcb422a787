import type { Article } from "../../content/article.ts";
import { archiveDay } from "../../content/date.ts";

/** One month of the archive: its URL, and how many articles it has. */
export interface MonthSummary {
  year: string;
  month: string;
  /** "Tháng 7/2022" */
  label: string;
  url: string;
  count: number;
}

/** One month of the archive: its URL and articles, newest first. */
export interface MonthArchive extends MonthSummary {
  articles: Article[];
}

/** One year of the archive and its months, in calendar order; months without articles are absent. */
export interface YearArchive {
  year: string;
  url: string;
  count: number;
  months: MonthArchive[];
}

/**
 * A year as its page and the archive's calendar show it: its months' counts, not their
 * articles, so that a year page's entry (and its fingerprint, see page-plan.ts) does not name
 * every article of the year.
 */
export interface YearSummary extends Omit<YearArchive, "months"> {
  months: MonthSummary[];
}

/** A year of the archive without its months' articles. */
export function summariseYear({ year, url, count, months }: YearArchive): YearSummary {
  return { year, url, count, months: months.map(({ year, month, label, url, count }) => ({ year, month, label, url, count })) };
}

/** Groups articles (newest first) by year and month in Asia/Ho_Chi_Minh, newest year first. */
export function groupByMonth(articles: readonly Article[]): YearArchive[] {
  const years = new Map<string, Map<string, Article[]>>();
  for (const article of articles) {
    const { year, month } = archiveDay(article.date);
    const months = years.get(year) ?? years.set(year, new Map()).get(year)!;
    (months.get(month) ?? months.set(month, []).get(month)!).push(article);
  }
  return [...years]
    .sort((a, b) => b[0].localeCompare(a[0]))
    .map(([year, months]) => ({
      year,
      url: `/${year}/`,
      count: [...months.values()].reduce((sum, list) => sum + list.length, 0),
      months: [...months]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([month, list]) => ({ year, month, label: `Tháng ${Number(month)}/${year}`, url: `/${year}/${month}/`, count: list.length, articles: list })),
    }));
}
