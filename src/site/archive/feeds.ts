import type { Article } from "../../content/article.ts";
import type { Term } from "./taxonomies.ts";

/** How many articles a feed carries. */
export const FEED_SIZE = 50;

/** A feed: where it lives, what it is called, the listing it follows, and its newest articles. */
export interface Feed {
  /** The Atom feed's URL; the site-wide feed also has RSS and JSON Feed twins. */
  url: string;
  title: string;
  /** The HTML page the feed follows. */
  home: string;
  articles: Article[];
  /** When the feed last changed: its newest article's date (or update). */
  updated?: Date;
}

/** The date an article last changed. */
export const lastChanged = (article: Article): Date => article.updated ?? article.date;

/** A feed of the newest FEED_SIZE of some articles (newest first). */
function feed(url: string, title: string, home: string, articles: readonly Article[]): Feed {
  const newest = articles.slice(0, FEED_SIZE);
  const updated = newest.map(lastChanged).sort((a, b) => b.getTime() - a.getTime())[0];
  return { url, title, home, articles: newest, updated };
}

/** The site-wide feed, then one per category. */
export function buildFeeds(siteTitle: string, articles: readonly Article[], categories: readonly Term[]): Feed[] {
  return [feed("/feed.xml", siteTitle, "/", articles), ...categories.map((term) => feed(`${term.url}feed.xml`, `${term.name} · ${siteTitle}`, term.url, term.articles))];
}
