import type { Article } from "../../content/article.ts";
import { archiveDay } from "../../content/date.ts";

/** One month of the archive: its URL and articles, newest first. */
export interface MonthArchive {
  year: string;
  month: string;
  /** "Tháng 7/2022" */
  label: string;
  url: string;
  articles: Article[];
}

/** One year of the archive and its months, in calendar order; months without articles are absent. */
export interface YearArchive {
  year: string;
  url: string;
  count: number;
  months: MonthArchive[];
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
        .map(([month, list]) => ({ year, month, label: `Tháng ${Number(month)}/${year}`, url: `/${year}/${month}/`, articles: list })),
    }));
}
