/**
 * How long Pagefind takes to index an archive's articles, fed as the built HTML pages
 * (what khotin does) or as custom records made from the text already in memory.
 *
 *   npm run search-indexing -- CONTENT_DIR SITE_DIR
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as pagefind from "pagefind";
import { loadArchive } from "../src/content/archive.ts";
import { isoDateTime } from "../src/content/date.ts";
import { foldForSearch } from "../src/search/fold.ts";

const [content, site] = process.argv.slice(2);
if (!content || !site) {
  console.error("usage: npm run search-indexing -- CONTENT_DIR SITE_DIR");
  process.exit(2);
}
const archive = await loadArchive(content);
const pages = await Promise.all(archive.articles.map(async (article) => ({ url: article.url, html: await readFile(path.join(site!, article.url, "index.html"), "utf8") })));

/** Indexes with one way of feeding Pagefind and returns the seconds it took, writing included. */
async function timeIndexing(feed: (index: pagefind.PagefindIndex) => Promise<void>): Promise<number> {
  const started = performance.now();
  const { index } = await pagefind.createIndex({ forceLanguage: "vi" });
  await feed(index!);
  await index!.writeFiles({ outputPath: path.join(site!, "pagefind-bench") });
  await pagefind.close();
  return (performance.now() - started) / 1000;
}

const html = await timeIndexing(async (index) => {
  for (const page of pages) await index.addHTMLFile({ url: page.url, content: foldForSearch(page.html) });
});
const records = await timeIndexing(async (index) => {
  for (const article of archive.articles) {
    const filters: Record<string, string[]> = { nam: [isoDateTime(article.date).slice(0, 4)] };
    if (article.category) filters["chuyen-muc"] = [article.category];
    if (article.location) filters["dia-phuong"] = [article.location];
    if (article.source) filters.nguon = [article.source.name];
    await index.addCustomRecord({
      url: article.url,
      content: foldForSearch(`${article.title}\n${article.summary ?? ""}\n${article.body}`),
      language: "vi",
      meta: { title: foldForSearch(article.title), date: isoDateTime(article.date), category: article.category ?? "" },
      filters,
      sort: { ngay: isoDateTime(article.date) },
    });
  }
});
console.log(`${archive.articles.length} articles: HTML pages ${html.toFixed(1)} s, custom records ${records.toFixed(1)} s`);
