import path from "node:path";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import type { Archive } from "../content/archive.ts";
import type { Article } from "../content/article.ts";
import { report } from "../content/diagnostics.ts";
import { contentPath, type ManifestEntry } from "./manifest.ts";

/** Every address an archive serves: its articles' URLs and their aliases. */
export function servedUrls(archive: Archive): Set<string> {
  const served = new Set<string>();
  for (const article of archive.articles) {
    served.add(article.url);
    for (const alias of article.aliases ?? []) served.add(alias);
  }
  return served;
}

/**
 * Warnings for every address the previous build published that this build would no longer
 * serve, since an archive's links must never break: an article whose date or slug changed
 * (`url/moved`), and one that was removed, renamed or unpublished (`url/removed`). Each says
 * which alias to add; an address that an alias keeps serving is no warning.
 */
export function movedUrls(previous: readonly ManifestEntry[], archive: Archive, cwd = process.cwd(), served = servedUrls(archive)): VFileMessage[] {
  // Needed only when an address is no longer served, which most builds never see: with it, the check took 0.27 to 0.32 s at 91,759 articles, without it 0.07 to 0.1 s.
  let published: Map<string, Article> | undefined;
  const publishedFrom = (file: string) => (published ??= new Map(archive.articles.map((article) => [contentPath(archive, article.inputPath), article]))).get(file);
  const messages: VFileMessage[] = [];
  for (const entry of previous) {
    if (entry.status !== "published" || !entry.url || served.has(entry.url)) continue;
    const article = publishedFrom(entry.file);
    const file = new VFile({ path: article?.file ?? path.relative(cwd, path.join(archive.contentDir, entry.file)) });
    const keep = `aliases: ["${entry.url}"]`;
    messages.push(
      article
        ? report(file, `this article moved from ${entry.url} to ${article.url}: add ${keep} so that links to the old address keep working`, "url/moved", "warning", { line: 1, column: 1 })
        : report(file, `${entry.url} was published from this file, which is gone or unpublished: add ${keep} to the article that replaces it, so that links to it keep working`, "url/removed", "warning", { line: 1, column: 1 }),
    );
  }
  return messages;
}
