import type { EleventyOptions } from "@11ty/eleventy";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Archive } from "../content/archive.ts";
import { countIndexedPages } from "../search/index-pages.ts";
import type { BuildPart } from "../search/shards.ts";
import type { RelatedFinder } from "../site/archive/related.ts";
import { buildRequest, configureSite, startBuildSearch, type BuildRequest } from "../site/eleventy-config.ts";
import { outputFileOf } from "../site/page-cache.ts";
import { writeManifest } from "./manifest.ts";
import { khotinCacheDir } from "../markdown/render-cache.ts";
import { applyUpdate, finishInterruptedUpdate, foldersLeftAlone, planUpdate, readSiteFolder, recordFileOf, stagingOf, writeRecord, type SiteUpdate } from "./site-update.ts";
import type { BuildFigures, SiteFile } from "./report.ts";

/**
 * Eleventy's options for a khotin site, with `data` for its global data. The configuration is
 * passed in rather than read from `.eleventy.ts`, which the compiled CLI could not import
 * without a TypeScript loader: the same function, called after the data is added.
 * https://www.11ty.dev/docs/programmatic/
 */
export function eleventyOptions(data: Record<string, unknown>): Pick<EleventyOptions, "configPath" | "config"> {
  return {
    configPath: false,
    config: async (eleventyConfig) => {
      for (const [name, value] of Object.entries(data)) eleventyConfig.addGlobalData(name, value);
      await configureSite(eleventyConfig);
    },
  };
}

/**
 * Eleventy, imported when a build renders rather than when the CLI starts: its modules took
 * 0.4 to 0.5 s to load, which now come after the archive is loaded and the related-articles
 * thread has the articles' keys (finding related articles is the longest path of a rebuild).
 */
export async function importEleventy(): Promise<typeof import("@11ty/eleventy").default> {
  // Eleventy registers an ESM resolver hook so that it imports JavaScript templates and data files afresh once they
  // change under watch (https://github.com/11ty/eleventy/issues/3270). khotin has none, and on Node 20 the hook runs
  // on a loader thread of its own, which every later import waits on: 0.1 s of the main thread in a rebuild.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  return (await import("@11ty/eleventy")).default;
}

/** Waits until a build's search bundle is no longer being written, whether it was written or failed. */
async function settled(request: BuildRequest): Promise<void> {
  await request.search?.indexed.catch(() => undefined);
}

/** A build wrote less than the archive holds; the new site is discarded. */
export class IncompleteBuildError extends Error {}

/** Fails unless every published article has its page among the files of the build. */
function assertEveryArticleWritten(archive: Archive, files: readonly SiteFile[]): void {
  const written = new Set(files.map((file) => file.path));
  const missing = archive.articles.filter((article) => !written.has(outputFileOf(article.url))).map((article) => `${article.file} → ${article.url}`);
  if (missing.length > 0) throw new IncompleteBuildError(`${missing.length} articles have no page:\n  ${missing.join("\n  ")}`);
}

/** Runs Eleventy (and with it Pagefind) over an archive into `outputDir`, listing the files it takes from the caches in `request`. */
async function render(archive: Archive, outputDir: string, pathPrefix: string, request: BuildRequest): Promise<BuildRequest["figures"]> {
  const Eleventy = await importEleventy();
  const eleventy = new Eleventy(archive.contentDir, outputDir, { ...eleventyOptions({ archive, khotinBuild: request }), quietMode: true, pathPrefix });
  // khotin prints its own one-line summary; Eleventy's errors still reach the caller as exceptions.
  eleventy.disableLogger();
  await eleventy.write();
  return request.figures;
}

/**
 * Builds part of an archive for a split build (a CI matrix): the search shards that fall to
 * `part` and their articles' pages, rendered into the build caches only. A whole build with
 * the caches of every part then renders only the listings, feeds and other pages, and
 * assembles the site. Nothing is written to the output folder.
 */
export async function buildPart(archive: Archive, part: BuildPart, pathPrefix = "/", findRelated?: RelatedFinder): Promise<BuildFigures> {
  const started = performance.now();
  const scratch = await mkdtemp(path.join(tmpdir(), "khotin-part-"));
  const request = buildRequest(part, findRelated);
  startBuildSearch(request, archive, scratch);
  try {
    const figures = await render(archive, scratch, pathPrefix, request);
    return { pages: figures.pagesRendered, indexed: 0, changed: 0, files: [], ...figures, seconds: (performance.now() - started) / 1000 };
  } finally {
    await settled(request);
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The site folder was partly updated when the build stopped; the next build finishes the update. */
export class InterruptedUpdateError extends Error {}

/** Renders an archive into a work folder and checks the result against the site it will update, or clears the work folder and fails. */
async function stageBuild(
  archive: Archive,
  work: string,
  outputDir: string,
  recordFile: string,
  pathPrefix: string,
  findRelated?: RelatedFinder,
): Promise<{ figures: BuildRequest["figures"]; update: SiteUpdate; indexed: number; stamps: ReadonlyMap<string, string> }> {
  const staging = stagingOf(work);
  const request = buildRequest(undefined, findRelated);
  startBuildSearch(request, archive, staging);
  // The manifest needs the archive only: written while the pages render, it is not left for after them.
  const manifest = writeManifest(archive, staging);
  manifest.catch(() => undefined);
  try {
    // The site folder is listed while the build renders: no one else writes to it until the update.
    const site = readSiteFolder(outputDir, recordFile);
    site.catch(() => undefined);
    const figures = await render(archive, staging, pathPrefix, request);
    await manifest;
    const found = await site;
    const update = await planUpdate(staging, request, found);
    assertEveryArticleWritten(archive, update.files);
    const indexed = await countIndexedPages((file) => request.placed.get(file) ?? path.join(staging, file));
    if (indexed !== archive.articles.length) {
      throw new IncompleteBuildError(`the search index holds ${indexed} pages, but ${archive.articles.length} articles were built`);
    }
    return { figures, update, indexed, stamps: found.stamps };
  } catch (error) {
    // Not while the manifest or the search bundle is still being written into it.
    await Promise.all([manifest.catch(() => undefined), settled(request)]);
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Builds a validated archive into `out`: Eleventy renders the pages and Pagefind indexes the
 * articles into a work folder beside `out`, and once the build is complete and checked (every
 * article has a page, every page is indexed) `out` is updated in place: only the files whose
 * bytes changed are written, and the files that left the site are removed (see
 * site-update.ts, which keeps a record of the site in the cache folder). A manifest of every
 * input file goes to `.khotin/manifest.json`. Links are written for a site served under `pathPrefix`.
 * `findRelated` is the related-articles thread, if the caller started it before loading the archive.
 */
export async function buildSite(archive: Archive, out: string, pathPrefix = "/", findRelated?: RelatedFinder): Promise<BuildFigures> {
  const started = performance.now();
  const outputDir = path.resolve(out);
  const work = `${outputDir}.khotin-tmp`;
  const recordFile = recordFileOf(khotinCacheDir(), outputDir);
  await finishInterruptedUpdate(work, outputDir);
  const { figures, update, indexed, stamps } = await stageBuild(archive, work, outputDir, recordFile, pathPrefix, findRelated);
  // The record describes the site folder as an update leaves it: none while it changes.
  await rm(recordFile, { force: true });
  await applyUpdate(work, outputDir, update).catch((error: unknown) => {
    throw new InterruptedUpdateError(`${out} was partly updated when the build stopped: fix the cause, and build again to finish the update`, { cause: error });
  });
  await writeRecord(recordFile, update.files, foldersLeftAlone(stamps, update));
  const changed = update.moved.length + update.linked.length;
  return { pages: archive.articles.length, indexed, changed, files: update.files, ...figures, seconds: (performance.now() - started) / 1000 };
}
