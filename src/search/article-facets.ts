import type { Article } from "../content/article.ts";
import { archiveDay } from "../content/date.ts";
import { SEARCH_FACETS, type FacetCounts, type SearchFacet } from "./facets.ts";

/** The facet values of one article; the year is the article's year in Asia/Ho_Chi_Minh. */
export function articleFacets(article: Pick<Article, "category" | "location" | "source" | "date">): Record<SearchFacet, string[]> {
  const present = (value: string | undefined) => (value ? [value] : []);
  return {
    "chuyen-muc": present(article.category),
    "dia-phuong": present(article.location),
    nguon: present(article.source?.name),
    nam: [archiveDay(article.date).year],
  };
}

/** The facet counts over a set of articles. */
export function countFacets(articles: Iterable<Pick<Article, "category" | "location" | "source" | "date">>): FacetCounts {
  const counts = Object.fromEntries(Object.keys(SEARCH_FACETS).map((name) => [name, {}])) as FacetCounts;
  for (const article of articles) {
    for (const [name, values] of Object.entries(articleFacets(article)) as [SearchFacet, string[]][]) {
      for (const value of values) counts[name][value] = (counts[name][value] ?? 0) + 1;
    }
  }
  return counts;
}
