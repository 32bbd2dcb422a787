/**
 * The facets search filters by, by URL parameter of the search page, which is also the
 * Pagefind filter name: each article's search record carries them (src/search/records.ts),
 * the search page offers them, and the build counts them for the search page's first view.
 */
export const SEARCH_FACETS = { "chuyen-muc": "Chuyên mục", "dia-phuong": "Địa phương", nguon: "Nguồn", nam: "Năm" } as const;

/** A facet's URL parameter and Pagefind filter name. */
export type SearchFacet = keyof typeof SEARCH_FACETS;

/** How many articles each value of each facet has. */
export type FacetCounts = Record<SearchFacet, Record<string, number>>;
