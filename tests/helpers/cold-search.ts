import { performance } from "node:perf_hooks";
import { launchChromium } from "./browser.ts";
import { serveFolder } from "./static-server.ts";

/** What one cold search cost. */
export interface ColdSearch {
  query: string;
  /** Bytes fetched from the Pagefind bundle, headers included. */
  bytes: number;
  /** From the search's start to the first results on screen, from the newest shard (the page's `khotin:first-results` measure). */
  firstMs: number;
  /** From the search's start to the complete results on screen (the page's `khotin:search` measure). */
  ms: number;
  /** From navigation to results on screen. */
  pageMs: number;
  status: string;
}

/**
 * Runs each query on `/tim-kiem/?q=…` of a built site in a fresh browser context (empty
 * cache), and measures the bytes fetched from the Pagefind bundle and the time to results.
 */
export async function measureColdSearches(site: string, queries: readonly string[]): Promise<ColdSearch[]> {
  const server = await serveFolder(site);
  const browser = await launchChromium();
  const rows: ColdSearch[] = [];
  try {
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
      const measure = async (name: string) => Number(await page.evaluate(`performance.getEntriesByName('${name}').at(-1).duration`));
      const [firstMs, ms] = [await measure("khotin:first-results"), await measure("khotin:search")];
      rows.push({ query, bytes, firstMs, ms, pageMs, status: (await page.locator("[data-search-status]").textContent()) ?? "" });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A table of cold searches, then their median and worst, for logs and the bench. */
export function formatColdSearches(rows: readonly ColdSearch[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const lines = ["query            transferred  first results  complete  from navigation"];
  for (const row of rows) {
    lines.push(`${row.query.padEnd(16)} ${kb(row.bytes).padStart(11)} ${ms(row.firstMs).padStart(14)} ${ms(row.ms).padStart(9)} ${ms(row.pageMs).padStart(16)}  ${row.status}`);
  }
  const pick = (field: "bytes" | "firstMs" | "ms" | "pageMs") => [median(rows.map((row) => row[field])), Math.max(...rows.map((row) => row[field]))] as const;
  for (const [label, at] of [["median", 0], ["worst ", 1]] as const) {
    const [bytes, first, complete, page] = (["bytes", "firstMs", "ms", "pageMs"] as const).map((field) => pick(field)[at]);
    lines.push(`${label} ${kb(bytes!)}, first results ${ms(first!)}, complete ${ms(complete!)}, ${ms(page!)} from navigation`);
  }
  return lines.join("\n");
}
