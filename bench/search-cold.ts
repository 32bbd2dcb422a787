/**
 * Cold search on a built site: for each query, a fresh browser context (empty cache) opens
 * `/tim-kiem/?q=…`, and the script records the bytes the search page fetched from the
 * Pagefind bundle, the time from the search's start to results on screen (the page's
 * `khotin:search` measure), and the time from navigation. Prints each query, then the
 * median and worst.
 *
 *   npm run search-cold -- _site "tuyên giáo" "da nang" của
 */
import { performance } from "node:perf_hooks";
import { launchChromium } from "../tests/helpers/browser.ts";
import { serveFolder } from "../tests/helpers/static-server.ts";

const [site, ...queries] = process.argv.slice(2);
if (!site || queries.length === 0) {
  console.error("usage: npm run search-cold -- SITE_DIR QUERY...");
  process.exit(2);
}

const server = await serveFolder(site);
const browser = await launchChromium();
const rows: { query: string; bytes: number; ms: number; pageMs: number; results: string }[] = [];
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Pagefind fetches most of its index from a web worker; Playwright reports those requests too.
  const sizes: Promise<number>[] = [];
  context.on("requestfinished", (request) => {
    if (request.url().includes("/pagefind/")) sizes.push(request.sizes().then((size) => size.responseBodySize + size.responseHeadersSize));
  });
  const started = performance.now();
  await page.goto(`${server.origin}/tim-kiem/?q=${encodeURIComponent(query)}`, { waitUntil: "commit" });
  await page.waitForSelector("[data-search][data-searched]:not([aria-busy])", { timeout: 60_000 });
  const pageMs = performance.now() - started;
  const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
  const ms = Number(await page.evaluate("performance.getEntriesByName('khotin:search').at(-1).duration"));
  rows.push({ query, bytes, ms, pageMs, results: (await page.locator("[data-search-status]").textContent()) ?? "" });
  await context.close();
}
await browser.close();
await server.close();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.log("query            transferred  search  from navigation");
for (const row of rows) console.log(`${row.query.padEnd(16)} ${kb(row.bytes).padStart(11)} ${row.ms.toFixed(0).padStart(5)} ms ${row.pageMs.toFixed(0).padStart(8)} ms  ${row.results}`);
const summary = (pick: (row: (typeof rows)[number]) => number) => [median(rows.map(pick)), Math.max(...rows.map(pick))] as const;
const [bytesMedian, bytesWorst] = summary((row) => row.bytes);
const [msMedian, msWorst] = summary((row) => row.ms);
const [pageMedian, pageWorst] = summary((row) => row.pageMs);
console.log(`median ${kb(bytesMedian)}, ${msMedian.toFixed(0)} ms search, ${pageMedian.toFixed(0)} ms from navigation`);
console.log(`worst  ${kb(bytesWorst)}, ${msWorst.toFixed(0)} ms search, ${pageWorst.toFixed(0)} ms from navigation`);
