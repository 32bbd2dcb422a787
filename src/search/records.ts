import { decodeHTML } from "entities";
import type { Article } from "../content/article.ts";
import { isoDateTime } from "../content/date.ts";
import { articleFacets } from "./article-facets.ts";
import { foldForSearch } from "./fold.ts";

/** What Pagefind indexes of one article, as its custom records take it, with đ folded for search (see fold.ts). */
export interface SearchRecord {
  url: string;
  content: string;
  language: "vi";
  meta: { title: string; date: string; category: string };
  filters: Record<string, string[]>;
  sort: { ngay: string };
}

/** The text of rendered, sanitised HTML: tags become spaces, so that words in two paragraphs never join. */
export function textOfHtml(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The search record of an article: title, summary and body text (the body as readers see
 * it, rendered), the fields results show, and the filters and sort key of the search page.
 * It is made from the archive in memory, not from the written page, so indexing runs while
 * Eleventy still renders.
 */
export function searchRecord(article: Article, bodyHtml: string): SearchRecord {
  const date = isoDateTime(article.date);
  const filters = Object.fromEntries(
    Object.entries(articleFacets(article))
      .filter(([, values]) => values.length > 0)
      .map(([name, values]) => [name, values.map(foldForSearch)]),
  );
  return {
    url: article.url,
    content: foldForSearch([article.title, article.summary ?? "", textOfHtml(bodyHtml)].filter(Boolean).join("\n")),
    language: "vi",
    meta: { title: foldForSearch(article.title), date, category: foldForSearch(article.category ?? "") },
    filters,
    sort: { ngay: date },
  };
}
