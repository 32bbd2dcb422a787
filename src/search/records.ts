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

/** The fields of an article that its search record holds besides the body. */
export type RecordArticle = Pick<Article, "url" | "title" | "summary" | "category" | "location" | "source" | "date">;

/**
 * What an article's search record is made from on the Pagefind thread (see pagefind-thread.ts):
 * its fields, and its rendered body, given or in the render cache's file. Reading and folding
 * the body there spares the main thread, between whose long tasks the records waited.
 */
export interface RecordSource {
  article: RecordArticle;
  body: { html: string } | { file: string };
}

/** The record source of an article: only the fields the record holds, which are copied to the Pagefind thread. */
export function recordSource({ url, title, summary, category, location, source, date }: RecordArticle, body: RecordSource["body"]): RecordSource {
  return { article: { url, title, summary, category, location, source, date }, body };
}

/**
 * The search record of an article: title, summary and body text (the body as readers see
 * it, rendered), the fields results show, and the filters and sort key of the search page.
 * It is made from the archive in memory, not from the written page, so indexing runs while
 * Eleventy still renders.
 */
export function searchRecord(article: RecordArticle, bodyHtml: string): SearchRecord {
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
