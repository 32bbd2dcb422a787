/**
 * Cold search on a built site: each query in a fresh browser context (empty cache), with
 * the bytes fetched from the Pagefind bundle and the time to results, then median and worst.
 *
 *   npm run search-cold -- _site "tuyên giáo" "da nang" của
 */
import { formatColdSearches, measureColdSearches } from "../tests/helpers/cold-search.ts";

const [site, ...queries] = process.argv.slice(2);
if (!site || queries.length === 0) {
  console.error("usage: npm run search-cold -- SITE_DIR QUERY...");
  process.exit(2);
}
console.log(formatColdSearches(await measureColdSearches(site, queries)));
