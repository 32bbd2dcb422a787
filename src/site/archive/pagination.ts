import type { Article } from "../../content/article.ts";

/** How many articles a listing page shows. */
export const PAGE_SIZE = 20;

/** How many numbered links the pager shows on each side of the current page. */
const PAGER_REACH = 2;

/** A link in a trail of breadcrumbs or a pager. */
export interface Link {
  url: string;
  label: string;
}

/** The navigation of a listing: numbered pages around the current one, newer and older. */
export interface Pager {
  /** The page's own number, or undefined for the first page (the newest articles). */
  current?: number;
  numbers: { number: number; url: string }[];
  newer?: string;
  older?: string;
  newest: string;
  oldest?: string;
}

/** One page of a listing. */
export interface ListingPage {
  url: string;
  /** The listing's title, the same on all its pages. */
  title: string;
  /** The page's heading: the title, with the page number after the first page. */
  heading: string;
  articles: Article[];
  pager: Pager;
  breadcrumbs: Link[];
  /** The feed of the listing, if it has one. */
  feed?: string;
  /** A sentence about the listing, for its meta description. */
  description: string;
}

/** What a listing is: its base URL, title and trail, and the articles it lists, newest first. */
export interface Listing {
  url: string;
  title: string;
  description: string;
  breadcrumbs: Link[];
  articles: readonly Article[];
  feed?: string;
}

/** The URL of numbered page `n` of a listing. */
const pageUrl = (base: string, number: number) => `${base}trang/${number}/`;

/**
 * Splits a listing into pages. The first page, at the listing's own URL, shows the newest
 * PAGE_SIZE articles. Numbered pages `…/trang/<n>/` hold fixed blocks counted from the
 * oldest article, so that a new article changes only the newest block and the first page:
 * every older page keeps its bytes and can be cached for ever.
 */
export function paginate(listing: Listing): ListingPage[] {
  const { articles } = listing;
  const blocks = Math.ceil(articles.length / PAGE_SIZE);
  // Block n (1 = oldest) holds, newest first, the articles at these positions of the newest-first list.
  const block = (number: number) => articles.slice(Math.max(0, articles.length - number * PAGE_SIZE), articles.length - (number - 1) * PAGE_SIZE);
  const blockOf = (position: number) => Math.floor((articles.length - 1 - position) / PAGE_SIZE) + 1;
  const numbers = (around: number) =>
    Array.from({ length: 2 * PAGER_REACH + 1 }, (_, offset) => around - PAGER_REACH + offset)
      .filter((number) => number >= 1 && number <= blocks)
      .map((number) => ({ number, url: pageUrl(listing.url, number) }));
  // Every field written out rather than spread from the listing's: in V8 an object made by a spread and then more
  // fields gets a hidden class of its own, and reading the fields of 10,000 listing pages that each had one was slow.
  const page = (url: string, heading: string, listed: Article[], pager: Pager): ListingPage => ({
    title: listing.title,
    description: listing.description,
    breadcrumbs: listing.breadcrumbs,
    feed: listing.feed,
    url,
    heading,
    articles: listed,
    pager,
  });

  const first = page(listing.url, listing.title, articles.slice(0, PAGE_SIZE), {
    numbers: articles.length > PAGE_SIZE ? numbers(blockOf(PAGE_SIZE)) : [],
    older: articles.length > PAGE_SIZE ? pageUrl(listing.url, blockOf(PAGE_SIZE)) : undefined,
    newest: listing.url,
    oldest: articles.length > PAGE_SIZE ? pageUrl(listing.url, 1) : undefined,
  });
  if (articles.length <= PAGE_SIZE) return [first];
  const numbered = Array.from({ length: blocks }, (_, index): ListingPage => {
    const number = index + 1;
    return page(pageUrl(listing.url, number), `${listing.title}: trang ${number}`, block(number), {
      current: number,
      numbers: numbers(number),
      newer: number < blocks ? pageUrl(listing.url, number + 1) : listing.url,
      older: number > 1 ? pageUrl(listing.url, number - 1) : undefined,
      newest: listing.url,
      oldest: pageUrl(listing.url, 1),
    });
  });
  return [first, ...numbered];
}
