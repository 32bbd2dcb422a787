import path from "node:path";
import { loadArchive, type Archive } from "../content/archive.ts";
import type { Article } from "../content/article.ts";
import { makeFolders } from "../files.ts";
import { khotinCacheDir, RenderCache } from "../markdown/render-cache.ts";
import type { BuildPart } from "../search/shards.ts";
import { lockFile, projectRoot, sourcePath } from "../project.ts";
import { ArticleImages, imagePlace } from "./images.ts";
import { hashFiles, outputFileOf, PageCache, versionOf } from "./page-cache.ts";
import { linkInto, listInto, type NoteKept, type PlaceFiles } from "./site-output.ts";
import { renderedBody, startSiteSearch, type SiteSearch } from "./site-search.ts";
import { allPages, fingerprintPages, joinFingerprinted, LISTS_WITH_RELATED, LISTS_WITHOUT_RELATED, planPages, type PagePlan } from "./page-plan.ts";
import { prepareAssets, writeAssets, type SiteAssets } from "./assets.ts";
import type { EleventyConfig, TemplateData } from "./eleventy-types.ts";
import { startRelatedArticles, type RelatedFinder } from "./archive/related.ts";
import { buildSiteArchive, withRelated, type SiteArchive } from "./archive/site-archive.ts";
import { filters } from "./filters.ts";
import { siteMetadata } from "./metadata.ts";
import { sitePages } from "./pages.ts";

const layoutsDir = path.join(projectRoot, "layouts");

/** How to get the archive: the one `khotin build` validated, the loader `khotin serve` runs on every rebuild, or else a fresh load, through the reading cache. */
function archiveSource(given: unknown, input: string, cacheDir: string): () => Promise<Archive> {
  if (typeof given === "function") return given as () => Promise<Archive>;
  if (given) return async () => given as Archive;
  return () => loadArchive(input, process.cwd(), { cacheDir });
}

/** What `khotin build` asks of Eleventy (a part of the archive only, into the caches), and the figures it gets back. */
export interface BuildRequest {
  part?: BuildPart;
  /**
   * The files the build takes from its caches, by site path: listed here for `khotin build` to
   * apply (see src/cli/site-update.ts) rather than linked into the output folder.
   */
  placed: Map<string, string>;
  /** The related-articles thread, if the build started it already. */
  findRelated?: RelatedFinder;
  /** The files the build wrote that a cache keeps too, by site path: the site record notes them as if placed (see NoteKept). */
  kept: Map<string, string>;
  /** Rendered article bodies, kept between builds: the unified pipeline is the costliest step per article. */
  bodies: RenderCache;
  /** The search bundle, which `khotin build` starts before Eleventy (see startBuildSearch). */
  search?: SiteSearch;
  /** khotin's code as the build started (see CODE), hashed once for the search bundle and the pages. */
  code?: string;
  figures: { pagesRendered: number; pagesReused: number; shardsIndexed: number; shards: number };
}

/** A request for a whole build, or for one part of a split build, with its figures still to come. */
export function buildRequest(part?: BuildPart, findRelated?: RelatedFinder): BuildRequest {
  const bodies = new RenderCache(path.join(khotinCacheDir(), "render"));
  return { part, findRelated, placed: new Map(), kept: new Map(), bodies, figures: { pagesRendered: 0, pagesReused: 0, shardsIndexed: 0, shards: 0 } };
}

/** What a page's bytes depend on besides its entry: khotin's code and layouts, and the locked packages. */
const CODE = [sourcePath(""), layoutsDir, lockFile];

/** Notes the files a build keeps in a cache in its request. */
const keptIn =
  (request: BuildRequest): NoteKept =>
  (file, cached) =>
    request.kept.set(file, cached);

/**
 * Starts the search bundle of a build into `outputDir` as soon as the archive is loaded: it
 * needs the articles only, and Eleventy takes a second to load and set up. Begun first, its
 * file work is not queued behind the build's listings of the site and its caches on libuv's threads.
 */
export function startBuildSearch(request: BuildRequest, archive: Archive, outputDir: string): void {
  request.code = hashFiles(CODE);
  request.search = startRequestSearch(request, archive, outputDir, request.code, listInto(request.placed));
}

/** Starts the search bundle of a request into `outputDir`, for khotin's code `code`, placing cached files with `place`. */
function startRequestSearch(request: BuildRequest, archive: Archive, outputDir: string, code: string, place: PlaceFiles): SiteSearch {
  return startSiteSearch(archive, outputDir, { cacheDir: khotinCacheDir(), code, bodies: request.bodies, part: request.part, place, noteKept: keptIn(request) });
}

/**
 * Wires khotin into Eleventy. Every page is a virtual template paging through a list of the
 * site archive, articles included: the content folder is read by src/content (validated,
 * with positions for messages), never as Eleventy templates. `khotin build` hands over the
 * archive it has already validated; a bare Eleventy run loads it here, once per build. A
 * build (not `khotin serve`, which writes over its output) renders only the pages that the
 * page cache does not hold.
 */
export async function configureSite(eleventyConfig: EleventyConfig): Promise<void> {
  const input = path.resolve(eleventyConfig.directories.input);
  const cacheDir = khotinCacheDir();
  const load = archiveSource(eleventyConfig.globalData.archive, input, cacheDir);
  const given = eleventyConfig.globalData.khotinBuild as BuildRequest | undefined;
  const request = given ?? buildRequest();
  const bodies = request.bodies;
  // The archive of the build under way, loaded once as it starts, and its search bundle.
  let current: Promise<SiteArchive> | undefined;
  let search: Promise<SiteSearch> | undefined;
  let indexing: Promise<void> | undefined;
  // The stylesheet and the search script, named by their hash, which layouts need before they render.
  let assets: Promise<SiteAssets> | undefined;
  let images: ArticleImages | undefined;
  let place: PlaceFiles | undefined;
  const pageCache = new PageCache(path.join(cacheDir, "pages"));
  let plan: Promise<PagePlan> | undefined;
  let bodiesPruned: Promise<void> | undefined;
  let caching = false;
  let site = siteMetadata();
  const noteKept = keptIn(request);
  eleventyConfig.on("eleventy.before", ({ directories, runMode }) => {
    caching = runMode === "build";
    // Outside `khotin build` (a bare Eleventy run, `khotin serve`), cached files go straight into the output.
    place = given ? listInto(request.placed) : linkInto(directories.output);
    assets = prepareAssets();
    images = new ArticleImages(input, path.join(cacheDir, "images"), place, (article, src) => {
      const { line, column } = imagePlace(article, src);
      console.warn(`${article.file}:${line}:${column}: warning: image "${src}" is not in the content folder: add the file, or fix the path (a path from the content folder starts with /) [image/missing]`);
    });
    // `khotin build` started the related-articles thread before it loaded the archive, so that it read its cache meanwhile once the load found a change.
    const findRelated = given?.findRelated ?? startRelatedArticles(cacheDir);
    // Nothing here tells whether the archive changed (`khotin serve` rebuilds on a change): its counts are read at once.
    if (!given?.findRelated) findRelated.expectChange();
    const loaded = load();
    const related = loaded.then((archive) => findRelated(archive.articles));
    // The rest of the site archive is made while related articles are found, and so are the fingerprints of the pages that do not show them.
    const bare = loaded.then((archive) => buildSiteArchive(archive, siteMetadata().title, new Map()));
    current = Promise.all([bare, related]).then(([archive, related]) => withRelated(archive, related));
    // Hashed on every rebuild of `khotin serve`, whose layouts may have changed since.
    const code = given?.code ?? hashFiles(CODE);
    // The search bundle needs the articles only, so it is written while related articles are found on another thread.
    search = given?.search ? Promise.resolve(given.search) : loaded.then((archive) => startRequestSearch(request, archive, directories.output, code, place!));
    indexing = search.then(async ({ shards, indexed }) => {
      request.figures.shardsIndexed = await indexed;
      request.figures.shards = shards.length;
    });
    // Awaited after the build; until then a failure must not count as unhandled.
    indexing.catch(() => undefined);
    // A whole build renders bodies of its own articles only, so the others go while related articles are found, when
    // the main thread would otherwise wait; a part of a split build keeps every body, which the next part may need.
    bodiesPruned = request.part ? undefined : loaded.then((archive) => bodies.prune(archive.articles.map((article) => article.hash)));
    bodiesPruned?.catch(() => undefined);
    // A part of a split build indexes its shards and renders their articles' pages (see BuildRequest).
    const ofPart = search.then(({ shards }) => {
      const urls = request.part && new Set(shards.flatMap((shard) => shard.articles.map((article) => article.url)));
      return urls ? (url: string) => urls.has(url) : undefined;
    });
    // Assets are named by their hash: their URLs stand for their bytes.
    const pageVersion = assets.then((files) => versionOf({ version: code, site, assets: [files.css.url, files.search.url] }));
    // Listed while the pages are fingerprinted; awaited when they are planned.
    if (caching) pageCache.list().catch(() => undefined);
    const withoutRelated = caching ? Promise.all([bare, pageVersion, ofPart]).then(([archive, version, ofPart]) => fingerprintPages(archive, version, LISTS_WITHOUT_RELATED, ofPart)) : undefined;
    plan = Promise.all([current, withoutRelated, pageVersion, ofPart]).then(async ([archive, withoutRelated, version, ofPart]) => {
      const planned = withoutRelated
        ? await planPages(joinFingerprinted([withoutRelated, fingerprintPages(archive, version, LISTS_WITH_RELATED, ofPart)]), pageCache)
        : { render: allPages(archive), reused: [], rendered: [] };
      makeFolders(directories.output, Object.values(planned.render).flatMap((entries) => entries.map((entry) => outputFileOf(entry.url))));
      return planned;
    });
  });
  eleventyConfig.addGlobalData("archive", () => current);
  eleventyConfig.addGlobalData("pages", async () => (await plan)?.render);
  eleventyConfig.addGlobalData("assets", () => assets);
  // The path prefix (`--path-prefix`) is known once plugins run; Eleventy's HTML base plugin, which
  // the RSS plugin adds, then writes it into every URL of the HTML, so layouts link from the root.
  // https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin((config: EleventyConfig) => {
    site = siteMetadata(config.pathPrefix);
    config.addGlobalData("site", site);
  });

  // Templates come from khotin only: a template file dropped into the content folder is not run,
  // and a .gitignore in the content folder has no say.
  eleventyConfig.ignores.add("**/*.njk");
  eleventyConfig.setUseGitIgnore(false);
  // Set, not returned: Eleventy reads a returned object from a configuration file only, and the CLI passes this function in (see src/cli/build.ts).
  // https://www.11ty.dev/docs/config/#directory-for-includes
  eleventyConfig.setIncludesDirectory(path.relative(input, layoutsDir));
  eleventyConfig.setTemplateFormats(["njk"]);

  // An article's HTML: its body from the archive (read as NFC, like every field), rendered once for
  // its page, its search record and the feeds, with its lead image and responsive renditions of its pictures.
  // https://www.11ty.dev/docs/filters/#asynchronous-universal-filters
  eleventyConfig.addAsyncFilter("articleHtml", async (article: Article) => images!.articleHtml(article, await renderedBody(bodies, article)));
  eleventyConfig.addGlobalData("eleventyComputed", {
    permalink: (data: TemplateData) => data.entry?.url ?? data.pageUrl ?? false,
  });

  for (const [name, filter] of Object.entries(filters)) eleventyConfig.addFilter(name, filter);
  // Feeds: the plugin's htmlToAbsoluteUrls makes links in article bodies absolute; dates use khotin's own filters, in Asia/Ho_Chi_Minh.
  // Imported here rather than as the CLI starts, which waited 0.1 to 0.3 s for its modules before loading the archive.
  // https://www.11ty.dev/docs/plugins/rss/
  eleventyConfig.addPlugin((await import("@11ty/eleventy-plugin-rss")).default);

  // Pages are virtual templates, since the input folder is the editors' content. Each is empty and
  // wears its page template as a layout: Eleventy compiles a layout once, but a paginated template's
  // own content once per page (21 of 94 s of a 10,000-article build went to compiling article pages).
  // https://www.11ty.dev/docs/virtual-templates/
  // https://www.11ty.dev/docs/pagination/
  // A part of a split build renders only article pages: the assembling build renders the rest.
  for (const page of sitePages.filter((page) => "each" in page || !request.part)) {
    const placement = "each" in page ? { pagination: { data: `pages.${page.each}`, size: 1, alias: "entry", addAllPagesToCollections: false } } : { pageUrl: page.url };
    eleventyConfig.addTemplate(`khotin-pages/${page.template}`, "", { layout: `pages/${page.template}`, title: page.title, ...placement });
  }

  eleventyConfig.addPassthroughCopy({ [path.join(projectRoot, "public")]: "/" });
  eleventyConfig.addWatchTarget(layoutsDir);
  eleventyConfig.addWatchTarget(path.join(input, "**/*.md"));
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    await writeAssets(directories.output, (await assets)!);
    const { reused, rendered, render } = (await plan)!;
    const single = request.part ? 0 : sitePages.filter((page) => !("each" in page)).length;
    request.figures.pagesRendered = Object.values(render).reduce((sum, entries) => sum + entries.length, single);
    request.figures.pagesReused = reused.length;
    if (caching) {
      await pageCache.publish(reused, place!);
      pageCache.store(rendered, directories.output, noteKept);
    }
    await indexing;
    // A whole build asked for every page, shard and body: what the caches hold besides is no longer needed.
    // A part of a split build asked for its own only, and keeps the rest.
    if (!request.part) {
      if (caching) await pageCache.prune();
      await (await search)?.cache.prune();
      await bodiesPruned;
    }
  });
}
