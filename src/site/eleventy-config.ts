import path from "node:path";
import pluginRss from "@11ty/eleventy-plugin-rss";
import { VFile } from "vfile";
import { loadArchive, type Archive } from "../content/archive.ts";
import type { Article } from "../content/article.ts";
import { articleBody } from "../content/article-body.ts";
import { renderArticleBody } from "../markdown/processor.ts";
import { khotinCacheDir, RenderCache } from "../markdown/render-cache.ts";
import { countFacets } from "../search/article-facets.ts";
import { writeSearchIndex } from "../search/index-pages.ts";
import { searchRecord } from "../search/records.ts";
import { ShardCache } from "../search/shard-cache.ts";
import { shardsOfPart, splitIntoShards, type BuildPart } from "../search/shards.ts";
import { lockFile, projectRoot, sourcePath } from "../project.ts";
import { ArticleImages, imagePlace } from "./images.ts";
import { hashFiles, makeFolders, outputFileOf, PageCache, versionOf } from "./page-cache.ts";
import { linkInto, listInto, type NoteKept, type PlaceFile } from "./site-output.ts";
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
  figures: { pagesRendered: number; pagesReused: number; shardsIndexed: number; shards: number };
}

/** A request for a whole build, or for one part of a split build, with its figures still to come. */
export function buildRequest(part?: BuildPart, findRelated?: RelatedFinder): BuildRequest {
  return { part, findRelated, placed: new Map(), kept: new Map(), figures: { pagesRendered: 0, pagesReused: 0, shardsIndexed: 0, shards: 0 } };
}

/** What a page's bytes depend on besides its entry: khotin's code and layouts, and the locked packages. */
const CODE = [sourcePath(""), layoutsDir, lockFile];

/**
 * Wires khotin into Eleventy. Every page is a virtual template paging through a list of the
 * site archive, articles included: the content folder is read by src/content (validated,
 * with positions for messages), never as Eleventy templates. `khotin build` hands over the
 * archive it has already validated; a bare Eleventy run loads it here, once per build. A
 * build (not `khotin serve`, which writes over its output) renders only the pages that the
 * page cache does not hold.
 */
export function configureSite(eleventyConfig: EleventyConfig): void {
  const input = path.resolve(eleventyConfig.directories.input);
  const cacheDir = khotinCacheDir();
  const load = archiveSource(eleventyConfig.globalData.archive, input, cacheDir);
  const given = eleventyConfig.globalData.khotinBuild as BuildRequest | undefined;
  const request = given ?? buildRequest();
  // Bodies come from a cache kept between builds: the unified pipeline is the costliest step per article.
  const cache = new RenderCache(path.join(cacheDir, "render"));
  const bodyOf = (article: Article) => cache.render(article.hash, () => renderArticleBody(new VFile({ path: article.inputPath, value: articleBody(article) })));
  // The archive of the build under way, loaded once as it starts, and the search index, which Pagefind
  // (a process of its own) writes from the archive while Eleventy renders the pages.
  let current: Promise<SiteArchive> | undefined;
  let indexing: Promise<void> | undefined;
  // The stylesheet and the search script, named by their hash, which layouts need before they render.
  let assets: Promise<SiteAssets> | undefined;
  let images: ArticleImages | undefined;
  let place: PlaceFile | undefined;
  const pageCache = new PageCache(path.join(cacheDir, "pages"));
  let plan: Promise<PagePlan> | undefined;
  let bodiesPruned: Promise<void> | undefined;
  let shardCache: ShardCache | undefined;
  let caching = false;
  let site = siteMetadata();
  const noteKept: NoteKept = (file, cached) => request.kept.set(file, cached);
  eleventyConfig.on("eleventy.before", ({ directories, runMode }) => {
    caching = runMode === "build";
    // Outside `khotin build` (a bare Eleventy run, `khotin serve`), cached files go straight into the output.
    place = given ? listInto(request.placed) : linkInto(directories.output);
    assets = prepareAssets();
    images = new ArticleImages(input, path.join(cacheDir, "images"), place, (article, src) => {
      const { line, column } = imagePlace(article, src);
      console.warn(`${article.file}:${line}:${column}: warning: image "${src}" is not in the content folder: add the file, or fix the path (a path from the content folder starts with /) [image/missing]`);
    });
    // The search index needs the articles only, so it starts while related articles are found on another thread.
    // `khotin build` started the related-articles thread before it loaded the archive, so that it read its cache meanwhile.
    const findRelated = given?.findRelated ?? startRelatedArticles(cacheDir);
    const loaded = load();
    const related = loaded.then((archive) => findRelated(archive.articles));
    // The rest of the site archive is made while related articles are found, and so are the fingerprints of the pages that do not show them.
    const bare = loaded.then((archive) => buildSiteArchive(archive, siteMetadata().title, new Map()));
    current = Promise.all([bare, related]).then(([archive, related]) => withRelated(archive, related));
    const code = hashFiles(CODE);
    // A part of a split build indexes its shards and renders their articles' pages (see BuildRequest).
    const shards = loaded.then((archive) => (request.part ? shardsOfPart(splitIntoShards(archive.articles), request.part) : splitIntoShards(archive.articles)));
    indexing = Promise.all([loaded, shards]).then(async ([archive, shards]) => {
      shardCache = new ShardCache(path.join(cacheDir, "search"), code);
      const recordOf = async (article: Article) => searchRecord(article, await bodyOf(article));
      request.figures.shardsIndexed = await writeSearchIndex(directories.output, shards, countFacets(archive.articles), recordOf, { cache: shardCache, place: place!, noteKept });
      request.figures.shards = shards.length;
    });
    // Awaited after the build; until then a failure must not count as unhandled.
    indexing.catch(() => undefined);
    // A whole build renders bodies of its own articles only, so the others go while related articles are found, when
    // the main thread would otherwise wait; a part of a split build keeps every body, which the next part may need.
    bodiesPruned = request.part ? undefined : loaded.then((archive) => cache.prune(archive.articles.map((article) => article.hash)));
    bodiesPruned?.catch(() => undefined);
    const ofPart = shards.then((shards) => {
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
      await makeFolders(directories.output, Object.values(planned.render).flatMap((entries) => entries.map((entry) => outputFileOf(entry.url))));
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
  eleventyConfig.addAsyncFilter("articleHtml", async (article: Article) => images!.articleHtml(article, await bodyOf(article)));
  eleventyConfig.addGlobalData("eleventyComputed", {
    permalink: (data: TemplateData) => data.entry?.url ?? data.pageUrl ?? false,
  });

  for (const [name, filter] of Object.entries(filters)) eleventyConfig.addFilter(name, filter);
  // Feeds: the plugin's htmlToAbsoluteUrls makes links in article bodies absolute; dates use khotin's own filters, in Asia/Ho_Chi_Minh.
  // https://www.11ty.dev/docs/plugins/rss/
  eleventyConfig.addPlugin(pluginRss);

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
      await pageCache.store(rendered, directories.output, noteKept);
    }
    await indexing;
    // A whole build asked for every page, shard and body: what the caches hold besides is no longer needed.
    // A part of a split build asked for its own only, and keeps the rest.
    if (!request.part) {
      if (caching) await pageCache.prune();
      await shardCache?.prune();
      await bodiesPruned;
    }
  });
}
