import path from "node:path";
import { VFile } from "vfile";
import type { Archive } from "../content/archive.ts";
import type { Article } from "../content/article.ts";
import { articleBody } from "../content/article-body.ts";
import { plainBodyHtml } from "../markdown/plain-paragraphs.ts";
import { renderArticleBody } from "../markdown/processor.ts";
import type { RenderCache } from "../markdown/render-cache.ts";
import { countFacets } from "../search/article-facets.ts";
import { writeSearchIndex } from "../search/index-pages.ts";
import { recordSource, type RecordSource } from "../search/records.ts";
import { ShardCache } from "../search/shard-cache.ts";
import { shardsOfPart, splitIntoShards, type BuildPart, type SearchShard } from "../search/shards.ts";
import type { NoteKept, PlaceFiles } from "./site-output.ts";

/**
 * An article's rendered body, from the render cache, or else rendered now and kept there. A
 * body of plain paragraphs read with its article (all of them in a cold build) is rendered
 * each time it is asked for, and not cached: that takes microseconds, where writing its file
 * and reading it back for the second caller (search records, then the page) took the main
 * thread about 0.3 ms.
 */
export function renderedBody(bodies: RenderCache, article: Article): Promise<string> {
  const plain = article.body === undefined ? undefined : plainBodyHtml(article.body);
  if (plain !== undefined) return Promise.resolve(plain);
  return bodies.render(article.hash, () => renderArticleBody(new VFile({ path: article.inputPath, value: articleBody(article) })));
}

/** A site's search bundle under way: its shards (a part of a split build indexes its own only), their cache, and how many shards it indexed, once done. */
export interface SiteSearch {
  shards: SearchShard<Article>[];
  cache: ShardCache;
  indexed: Promise<number>;
}

/** What writing a site's search bundle takes besides the archive. */
export interface SiteSearchOptions {
  cacheDir: string;
  /** khotin's code, which search records depend on (see hashFiles). */
  code: string;
  bodies: RenderCache;
  part?: BuildPart;
  place: PlaceFiles;
  noteKept: NoteKept;
}

/**
 * Starts writing the search bundle of an archive into `outputDir` (see writeSearchIndex), from
 * records made in memory on the Pagefind thread, so that Pagefind (a process of its own) indexes
 * while the pages render.
 */
export function startSiteSearch(archive: Archive, outputDir: string, { cacheDir, code, bodies, part, place, noteKept }: SiteSearchOptions): SiteSearch {
  const all = splitIntoShards(archive.articles);
  const shards = part ? shardsOfPart(all, part) : all;
  const cache = new ShardCache(path.join(cacheDir, "search"), code);
  // A body the render cache holds is read on the Pagefind thread; another is rendered here, once for the page too.
  const sourceOf = async (article: Article): Promise<RecordSource> => {
    const file = bodies.heldFile(article.hash);
    return recordSource(article, file ? { file } : { html: await renderedBody(bodies, article) });
  };
  const indexed = writeSearchIndex(outputDir, shards, countFacets(archive.articles), sourceOf, { cache, place, noteKept });
  // Awaited once the pages are rendered; until then a failure must not count as unhandled.
  indexed.catch(() => undefined);
  return { shards, cache, indexed };
}
