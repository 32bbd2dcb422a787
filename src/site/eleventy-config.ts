import { readFileSync } from "node:fs";
import path from "node:path";
import pluginRss from "@11ty/eleventy-plugin-rss";
import { VFile } from "vfile";
import { loadArchive, type Archive } from "../content/archive.ts";
import type { Article } from "../content/article.ts";
import { renderArticleBody } from "../markdown/processor.ts";
import { DEFAULT_CACHE_DIR, RenderCache } from "../markdown/render-cache.ts";
import { countFacets } from "../search/article-facets.ts";
import { writeSearchIndex } from "../search/index-pages.ts";
import { searchRecord } from "../search/records.ts";
import { splitIntoShards } from "../search/shards.ts";
import { ArticleImages } from "./images.ts";
import { prepareAssets, writeAssets, type SiteAssets } from "./assets.ts";
import type { EleventyConfig, EleventyConfigResult, TemplateData } from "./eleventy-types.ts";
import { buildSiteArchive, type SiteArchive } from "./archive/site-archive.ts";
import { filters } from "./filters.ts";
import { siteMetadata } from "./metadata.ts";
import { sitePages } from "./pages.ts";

/** The khotin project folder, where `layouts/` and `public/` live whatever the content folder. */
export const projectRoot = path.resolve(import.meta.dirname, "../..");
const layoutsDir = path.join(projectRoot, "layouts");

/**
 * The article behind an Eleventy page, or undefined for drafts, invalid files and other pages.
 * Eleventy first calls computed data with a proxy to learn what it reads; a Map is not proxied.
 */
function articleFor(data: TemplateData): Article | undefined {
  return data.archive.byInputPath.get(path.resolve(data.page.inputPath));
}

/** How to get the archive: the one `khotin build` validated, the loader `khotin serve` runs on every rebuild, or else a fresh load. */
function archiveSource(given: unknown, input: string): () => Promise<Archive> {
  if (typeof given === "function") return given as () => Promise<Archive>;
  if (given) return async () => given as Archive;
  return () => loadArchive(input);
}

/**
 * Wires khotin into Eleventy: the content folder is Eleventy's input, and everything an
 * article page shows comes from the validated archive, not from Eleventy's own front-matter
 * handling. `khotin build` hands over the archive it has already validated; a bare Eleventy
 * run loads it here, once per build.
 */
export function configureSite(eleventyConfig: EleventyConfig): EleventyConfigResult {
  const input = path.resolve(eleventyConfig.directories.input);
  const load = archiveSource(eleventyConfig.globalData.archive, input);
  // Bodies come from a cache kept between builds: the unified pipeline is the costliest step per article.
  const cacheDir = path.resolve(process.env.KHOTIN_CACHE_DIR ?? DEFAULT_CACHE_DIR);
  const cache = new RenderCache(path.join(cacheDir, "render"));
  const bodyOf = (article: Article) => cache.render(article.body, () => renderArticleBody(new VFile({ path: article.inputPath, value: article.body })));
  // The archive of the build under way, loaded once as it starts, and the search index, which Pagefind
  // (a process of its own) writes from the archive while Eleventy renders the pages.
  let current: Promise<SiteArchive> | undefined;
  let indexing: Promise<void> | undefined;
  // The stylesheet and the search script, named by their hash, which layouts need before they render.
  let assets: Promise<SiteAssets> | undefined;
  let images: ArticleImages | undefined;
  eleventyConfig.on("eleventy.before", ({ directories }) => {
    assets = prepareAssets();
    images = new ArticleImages(input, path.join(cacheDir, "images"), directories.output, (article, src) =>
      console.warn(`${article.file}: warning: image "${src}" is not in the content folder: add the file, or fix the path (a path from the content folder starts with /) [image/missing]`),
    );
    current = load().then((archive) => buildSiteArchive(archive, siteMetadata().title));
    indexing = current.then((archive) =>
      writeSearchIndex(directories.output, splitIntoShards(archive.articles), countFacets(archive.articles), async (article) => searchRecord(article, await bodyOf(article))),
    );
    // Awaited after the build; until then a failure must not count as unhandled.
    indexing.catch(() => undefined);
  });
  eleventyConfig.addGlobalData("archive", () => current);
  eleventyConfig.addGlobalData("assets", () => assets);
  // The path prefix (`--path-prefix`) is known once plugins run; Eleventy's HTML base plugin, which
  // the RSS plugin adds, then writes it into every URL of the HTML, so layouts link from the root.
  // https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin((config: EleventyConfig) => config.addGlobalData("site", siteMetadata(config.pathPrefix)));

  // Front matter is read by src/content (with positions for error messages). Eleventy only
  // needs to strip it; parsing it again would also switch on Eleventy's special `tags` and
  // `date` keys, which mean something else here.
  // https://www.11ty.dev/docs/data-frontmatter-customize/
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: () => ({}) } });
  // The archive decides which files are articles; a .gitignore in the content folder must not.
  eleventyConfig.setUseGitIgnore(false);
  // Templates come from khotin only: a template file dropped into the content folder is not run.
  eleventyConfig.ignores.add("**/*.njk");

  // An article's body is the archive's (read as NFC, like every field), rendered once for its page and its search record;
  // its page adds the lead image, and responsive renditions of its local pictures.
  // https://www.11ty.dev/docs/languages/markdown/#optional-set-your-own-library-instance
  eleventyConfig.setLibrary("md", {
    render: async (body, data) => {
      const article = (await current)?.byInputPath.get(path.resolve(data.page.inputPath));
      return article ? images!.articleHtml(article, await bodyOf(article)) : renderArticleBody(new VFile({ path: data.page.inputPath, value: body }));
    },
  });

  // Each article's URL comes from its date and slug (DESIGN.md); drafts and invalid files get none.
  // https://www.11ty.dev/docs/data-computed/
  eleventyConfig.addGlobalData("layout", "article.njk");
  eleventyConfig.addGlobalData("eleventyComputed", {
    article: articleFor,
    context: (data: TemplateData) => (data.article ? data.archive.contexts.get(data.article.url) : undefined),
    permalink: (data: TemplateData) => data.article?.url ?? data.entry?.url ?? data.pageUrl ?? false,
  });

  for (const [name, filter] of Object.entries(filters)) eleventyConfig.addFilter(name, filter);
  // Feeds: the plugin's htmlToAbsoluteUrls makes links in article bodies absolute; dates use khotin's own filters, in Asia/Ho_Chi_Minh.
  // https://www.11ty.dev/docs/plugins/rss/
  eleventyConfig.addPlugin(pluginRss);
  // Only feeds use this collection, for the rendered bodies of articles; listings come from the archive.
  eleventyConfig.addCollection("articlePages", (api) => api.getAll().filter((item) => item.data.article));

  // Pages other than articles are virtual templates, since the input folder is the editors' content.
  // https://www.11ty.dev/docs/virtual-templates/
  // https://www.11ty.dev/docs/pagination/
  for (const page of sitePages) {
    const template = readFileSync(path.join(layoutsDir, "pages", page.template), "utf8");
    const placement = "each" in page ? { pagination: { data: `archive.${page.each}`, size: 1, alias: "entry", addAllPagesToCollections: false } } : { pageUrl: page.url };
    // https://www.11ty.dev/docs/collections-api/#eleventyimport
    const imports = page.usesArticleBodies ? { eleventyImport: { collections: ["articlePages"] } } : {};
    eleventyConfig.addTemplate(`khotin-pages/${page.template}`, template, { layout: false, title: page.title, ...placement, ...imports });
  }

  eleventyConfig.addPassthroughCopy({ [path.join(projectRoot, "public")]: "/" });
  eleventyConfig.addWatchTarget(layoutsDir);
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    await writeAssets(directories.output, (await assets)!);
    await indexing;
    // Every body was asked for, by the index if not by a page: what the cache holds besides is no longer needed.
    await cache.prune();
  });

  return {
    dir: { includes: path.relative(input, layoutsDir) },
    templateFormats: ["md", "njk"],
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
