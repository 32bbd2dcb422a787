/**
 * How long Pagefind takes to index an archive's articles, fed as the built HTML pages or
 * as the custom records made from the archive in memory (what khotin does).
 *
 *   npm run search-indexing -- CONTENT_DIR SITE_DIR
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as pagefind from "pagefind";
import { VFile } from "vfile";
import { loadArchive } from "../src/content/archive.ts";
import { articleBody } from "../src/content/article-body.ts";
import { renderArticleBody } from "../src/markdown/processor.ts";
import { foldForSearch } from "../src/search/fold.ts";
import { allocateForPagefind } from "../src/search/pagefind-thread.ts";
import { searchRecord } from "../src/search/records.ts";

// Pagefind allocates here as it does in a build (see PAGEFIND_ALLOCATOR).
allocateForPagefind();
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
  // What the build feeds Pagefind (src/search/records.ts), the bodies rendered beforehand as a warm cache would have them.
  const bodies = await Promise.all(archive.articles.map((article) => renderArticleBody(new VFile({ path: article.inputPath, value: articleBody(article) }))));
  for (const [position, article] of archive.articles.entries()) await index.addCustomRecord(searchRecord(article, bodies[position]!));
});
console.log(`${archive.articles.length} articles: HTML pages ${html.toFixed(1)} s, custom records ${records.toFixed(1)} s`);
