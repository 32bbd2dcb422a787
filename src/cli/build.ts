import { access, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { Archive } from "../content/archive.ts";
import { countIndexedPages } from "../search/index-pages.ts";
import type { BuildPart } from "../search/shards.ts";
import { buildRequest, projectRoot, type BuildRequest } from "../site/eleventy-config.ts";
import { outputFileOf } from "../site/page-cache.ts";
import { writeManifest } from "./manifest.ts";
import { linkUnchangedFiles } from "./unchanged-files.ts";
import type { BuildFigures, SiteFile } from "./report.ts";

/** Eleventy's configuration file, wherever khotin is run from. */
export const eleventyConfigPath = path.join(projectRoot, ".eleventy.ts");

/** A build wrote less than the archive holds; the new site is discarded. */
export class IncompleteBuildError extends Error {}

/** Fails unless every published article has its page among the files of the build. */
function assertEveryArticleWritten(archive: Archive, files: readonly SiteFile[]): void {
  const written = new Set(files.map((file) => file.path));
  const missing = archive.articles.filter((article) => !written.has(outputFileOf(article.url))).map((article) => `${article.file} → ${article.url}`);
  if (missing.length > 0) throw new IncompleteBuildError(`${missing.length} articles have no page:\n  ${missing.join("\n  ")}`);
}

/** Where the previous site waits while a finished build takes its place. */
const previousOf = (target: string) => `${target}.khotin-old`;

/**
 * Puts back the previous site if a build was killed between the two renames of
 * replaceFolder (the only moment when the output folder does not exist).
 */
async function recoverInterruptedSwap(target: string): Promise<void> {
  const exists = (folder: string) => access(folder).then(() => true, () => false);
  if (!(await exists(target)) && (await exists(previousOf(target)))) await rename(previousOf(target), target);
}

/** Puts a finished build in place of the previous one; the old site stays whole until the new one is complete. */
async function replaceFolder(staging: string, target: string): Promise<void> {
  const previous = previousOf(target);
  await rm(previous, { recursive: true, force: true });
  await rename(target, previous).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, target);
  await rm(previous, { recursive: true, force: true });
}

/** Runs Eleventy (and with it Pagefind) over an archive into `outputDir`. */
async function render(archive: Archive, outputDir: string, pathPrefix: string, part?: BuildPart): Promise<BuildRequest["figures"]> {
  const request = buildRequest(part);
  const eleventy = new Eleventy(archive.contentDir, outputDir, {
    configPath: eleventyConfigPath,
    quietMode: true,
    pathPrefix,
    config: (eleventyConfig) => {
      eleventyConfig.addGlobalData("archive", archive);
      eleventyConfig.addGlobalData("khotinBuild", request);
    },
  });
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
export async function buildPart(archive: Archive, part: BuildPart, pathPrefix = "/"): Promise<BuildFigures> {
  const started = performance.now();
  const scratch = await mkdtemp(path.join(tmpdir(), "khotin-part-"));
  try {
    const figures = await render(archive, scratch, pathPrefix, part);
    return { pages: figures.pagesRendered, indexed: 0, changed: 0, files: [], ...figures, seconds: (performance.now() - started) / 1000 };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Builds a validated archive into `out`: Eleventy renders every page and Pagefind indexes
 * the articles in a staging folder beside `out`, which replaces `out` only once the build is
 * complete and checked (every article has a page, every page is indexed), with a manifest
 * of every input file in `.khotin/manifest.json`. Links are written for a site served under `pathPrefix`.
 * Files whose bytes did not change keep the previous build's copy (see linkUnchangedFiles).
 */
export async function buildSite(archive: Archive, out: string, pathPrefix = "/"): Promise<BuildFigures> {
  const started = performance.now();
  const outputDir = path.resolve(out);
  const staging = `${outputDir}.khotin-tmp`;
  await recoverInterruptedSwap(outputDir);
  await rm(staging, { recursive: true, force: true });
  try {
    const figures = await render(archive, staging, pathPrefix);
    await writeManifest(archive, staging);
    const { changed, files } = await linkUnchangedFiles(staging, outputDir);
    assertEveryArticleWritten(archive, files);
    const indexed = await countIndexedPages(staging);
    if (indexed !== archive.articles.length) {
      throw new IncompleteBuildError(`the search index holds ${indexed} pages, but ${archive.articles.length} articles were built`);
    }
    await replaceFolder(staging, outputDir);
    return { pages: archive.articles.length, indexed, changed, files, ...figures, seconds: (performance.now() - started) / 1000 };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
