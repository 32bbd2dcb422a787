import { performance } from "node:perf_hooks";
import { launchChromium } from "./browser.ts";
import { serveFolder } from "./static-server.ts";
import { median } from "../../bench/rounds.ts";

/** What one cold search cost. */
export interface ColdSearch {
  query: string;
  /** Bytes fetched from the search bundle, headers included, until the search was complete. */
  bytes: number;
  /** Of those, the bytes fetched until the first results were on screen. */
  firstBytes: number;
  /** From the search's start to the first results on screen, from the newest shard (the page's `khotin:first-results` measure). */
  firstMs: number;
  /** From the search's start to the complete results on screen (the page's `khotin:search` measure). */
  ms: number;
  /** From navigation to the first results on screen: the measures above start only once the search script runs. */
  firstPageMs: number;
  /** From navigation to the complete results on screen. */
  pageMs: number;
  status: string;
}

/**
 * Runs each query on `/tim-kiem/?q=…` of a built site in a fresh browser context (empty
 * cache), and measures the bytes fetched from the Pagefind bundle and the time to results.
 */
export async function measureColdSearches(site: string, queries: readonly string[]): Promise<ColdSearch[]> {
  // The browser first: a server left listening when it fails to start would keep the test process alive.
  const browser = await launchChromium();
  const server = await serveFolder(site);
  const rows: ColdSearch[] = [];
  try {
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Pagefind fetches most of its index from a web worker; Playwright reports those requests too.
      const fetched: Promise<{ at: number; bytes: number }>[] = [];
      context.on("requestfinished", (request) => {
        const at = Date.now();
        if (request.url().includes("/pagefind/")) fetched.push(request.sizes().then((size) => ({ at, bytes: size.responseBodySize + size.responseHeadersSize })));
      });
      const started = performance.now();
      await page.goto(`${server.origin}/tim-kiem/?q=${encodeURIComponent(query)}`, { waitUntil: "commit" });
      await page.waitForSelector("[data-search][data-searched]:not([aria-busy])", { timeout: 60_000 });
      const pageMs = performance.now() - started;
      const requests = await Promise.all(fetched);
      const bytes = requests.reduce((sum, request) => sum + request.bytes, 0);
      const measure = async (name: string) => Number(await page.evaluate(`performance.getEntriesByName('${name}').at(-1).duration`));
      const [firstMs, ms] = [await measure("khotin:first-results"), await measure("khotin:search")];
      // When, on this machine's clock, the first results were shown: the requests finished by then count for them.
      const firstEnd = Number(await page.evaluate("(() => { const entry = performance.getEntriesByName('khotin:first-results').at(-1); return entry.startTime + entry.duration; })()"));
      const firstAt = Number(await page.evaluate("performance.timeOrigin")) + firstEnd;
      const firstBytes = requests.filter((request) => request.at <= firstAt).reduce((sum, request) => sum + request.bytes, 0);
      rows.push({ query, bytes, firstBytes, firstMs, ms, firstPageMs: firstEnd, pageMs, status: (await page.locator("[data-search-status]").textContent()) ?? "" });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

/** A table of cold searches, then their median and worst, for logs and the bench. */
export function formatColdSearches(rows: readonly ColdSearch[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const lines = ["query            first results        complete             from navigation"];
  for (const row of rows) {
    lines.push(`${row.query.padEnd(16)} ${ms(row.firstMs).padStart(7)} ${kb(row.firstBytes).padStart(9)}   ${ms(row.ms).padStart(7)} ${kb(row.bytes).padStart(9)}   ${ms(row.pageMs).padStart(7)}  ${row.status}`);
  }
  const pick = (field: "firstBytes" | "bytes" | "firstMs" | "ms" | "firstPageMs" | "pageMs") => [median(rows.map((row) => row[field])), Math.max(...rows.map((row) => row[field]))] as const;
  for (const [label, at] of [["median", 0], ["worst ", 1]] as const) {
    const [firstBytes, bytes, first, complete, firstPage, page] = (["firstBytes", "bytes", "firstMs", "ms", "firstPageMs", "pageMs"] as const).map((field) => pick(field)[at]);
    lines.push(`${label} first results ${ms(first!)}, ${kb(firstBytes!)}; complete ${ms(complete!)}, ${kb(bytes!)}; from navigation ${ms(firstPage!)} first, ${ms(page!)} complete`);
  }
  return lines.join("\n");
}
