/**
 * Measures related articles against ground truth: the ViMs corpus (../shared/corpus/
 * vims-clusters.tar.gz) holds 1,950 articles in 300 clusters, each cluster one event. The
 * script imports it, builds it with khotin, reads each article page's "Bài liên quan" links,
 * and reports how many of the top 3 point into the article's own cluster.
 *
 *   npm run related-quality
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadArchive } from "../src/content/archive.ts";
import { buildSite } from "../src/cli/build.ts";
import { importArticles } from "../src/import/importer.ts";

const corpus = path.resolve(import.meta.dirname, "../../shared/corpus/vims-clusters.tar.gz");
const work = mkdtempSync(path.join(tmpdir(), "khotin-vims-"));
execFileSync("tar", ["-xzf", corpus, "-C", work]);

const outcomes = await importArticles({ inputs: [path.join(work, "data")], out: path.join(work, "content"), force: false, dateFallback: "2016-01-01" });
const archive = await loadArchive(path.join(work, "content"));
const site = path.join(work, "site");
const figures = await buildSite(archive, site);

/** The cluster of each article, by URL: the folder its raw file came from. */
const clusterOf = new Map<string, string>();
const urlOf = new Map(archive.articles.map((article) => [path.relative(archive.contentDir, article.inputPath), article.url]));
for (const outcome of outcomes) {
  const url = outcome.output ? urlOf.get(outcome.output) : undefined;
  if (url) clusterOf.set(url, outcome.from.split("/").at(-2)!);
}

const TOP = 3;
let links = 0;
let inCluster = 0;
let articlesAtBar = 0;
for (const [url, cluster] of clusterOf) {
  const html = readFileSync(path.join(site, url, "index.html"), "utf8");
  const section = /<section class="related"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
  const related = [...section.matchAll(/<h2><a href="([^"]+)">/g)].map((match) => match[1]!).slice(0, TOP);
  const hits = related.filter((other) => clusterOf.get(other) === cluster).length;
  links += related.length;
  inCluster += hits;
  if (related.length > 0 && hits / related.length >= 0.8) articlesAtBar++;
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
console.log(`ViMs: ${clusterOf.size} articles in ${new Set(clusterOf.values()).size} clusters, built in ${figures.seconds.toFixed(1)} s`);
console.log(`top-${TOP} related links into the article's own cluster: ${inCluster} of ${links} (${percent(inCluster, links)})`);
console.log(`articles with at least 80% of their top-${TOP} in their cluster: ${articlesAtBar} of ${clusterOf.size} (${percent(articlesAtBar, clusterOf.size)})`);
