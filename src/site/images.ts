import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ImageMetadata } from "@11ty/eleventy-img";
import { decodeHTML, escapeAttribute, escapeText } from "entities";
import type { Article } from "../content/article.ts";
import type { Point } from "../content/diagnostics.ts";
import { decodeArticleText, pointAt } from "../content/source-text.ts";
import type { PlaceFiles } from "./site-output.ts";

/** The widths made of each picture: a phone, a tablet and a wide column at twice the density. */
const WIDTHS = [480, 800, 1200];
/** WebP for browsers that take it, JPEG for the rest. */
const FORMATS = ["webp", "jpeg"];
/** The article column is at most about 42rem wide (site.css `--measure`). */
const SIZES = "(min-width: 46rem) 42rem, 100vw";
/** The site's folder of renditions. */
const FOLDER = "img";
/** Where the renditions are published. */
const URL_PATH = `/${FOLDER}/`;

/**
 * Eleventy Image, imported when an article first has a local picture rather than when the CLI
 * starts: it loads sharp, and most builds, rebuilds above all, make no rendition.
 */
const eleventyImage = () => import("@11ty/eleventy-img");

/**
 * The file of a local image: `/images/a.jpg` from the content folder, `a.jpg` from the
 * article's own folder. Undefined for a remote or data URL, which is left as it is.
 */
export function localImageFile(src: string, articleFile: string, contentDir: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) return undefined;
  const pathname = decodeURIComponent(src.split(/[?#]/)[0]!);
  const file = pathname.startsWith("/") ? path.join(contentDir, pathname) : path.resolve(path.dirname(articleFile), pathname);
  return file.startsWith(contentDir + path.sep) ? file : undefined;
}

/**
 * Whether an article may show a picture: its page then depends on image files as well as
 * on its own file, and publishes their renditions, so it is rendered on every build.
 */
export function mayShowPictures(article: Article): boolean {
  return article.image !== undefined || article.bodyHasPictures;
}

/** An `<img>` tag's attributes, as rehype-stringify writes them: `name="value"`, HTML-escaped. */
function attributesOf(tag: string): Map<string, string> {
  return new Map([...tag.matchAll(/\s([a-z-]+)="([^"]*)"/g)].map((match) => [match[1]!, decodeHTML(match[2]!)]));
}

/**
 * Where an article's file names an image: the first place its path is written (as the HTML
 * has it, or percent-decoded, as Markdown may write it), else the top of the file. Worked out
 * only for a warning, from the file as it is now.
 */
export function imagePlace(article: Article, src: string): Point {
  const decoded = decodeArticleText(readFileSync(article.inputPath));
  const text = "text" in decoded ? decoded.text : "";
  const at = [src, percentDecoded(src)].map((written) => text.indexOf(written)).find((offset) => offset >= 0);
  return at === undefined ? { line: 1, column: 1 } : pointAt(text, at);
}

/** A URL with its %-escapes decoded, or as it is when they are malformed. */
function percentDecoded(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * Responsive pictures for an archive's local images, made with Eleventy Image. The renditions
 * are made once into a cache folder kept between builds (their names hash the source and
 * the options), then placed in each build's site.
 */
export class ArticleImages {
  /** Renditions already placed in the site of the build under way. */
  private readonly published = new Set<string>();

  constructor(
    private readonly contentDir: string,
    private readonly cacheDir: string,
    private readonly place: PlaceFiles,
    /** Told of a local image that is missing, so that the build can say which file names it. */
    private readonly onMissing: (article: Article, src: string) => void,
  ) {}

  /** The `<picture>` for a local image file; lazy unless it is the first thing a reader sees. */
  async picture(file: string, alt: string, lazy: boolean): Promise<string> {
    const { default: Image } = await eleventyImage();
    const metadata = await Image(file, { widths: WIDTHS, formats: FORMATS, outputDir: this.cacheDir, urlPath: URL_PATH });
    await this.publish(metadata);
    return Image.generateHTML(metadata, { alt, sizes: SIZES, loading: lazy ? "lazy" : "eager", decoding: "async" });
  }

  /** An article's HTML: its lead image (front matter `image`) as a figure, then the body with its local images made responsive. */
  async articleHtml(article: Article, body: string): Promise<string> {
    const lead = article.image ? await this.leadFigure(article, article.image) : "";
    return lead + (body.includes("<img") ? await this.responsiveBody(article, body) : body);
  }

  private async leadFigure(article: Article, image: NonNullable<Article["image"]>): Promise<string> {
    const file = localImageFile(image.src, article.inputPath, this.contentDir);
    const picture = file ? await this.pictureOrNothing(article, image.src, file, image.alt, false) : undefined;
    const img = picture ?? `<img src="${escapeAttribute(image.src)}" alt="${escapeAttribute(image.alt)}">`;
    const caption = image.caption ? `<figcaption>${escapeText(image.caption)}</figcaption>` : "";
    return `<figure class="lead-image">${img}${caption}</figure>\n`;
  }

  private async responsiveBody(article: Article, body: string): Promise<string> {
    const tags = [...new Set(body.match(/<img\b[^>]*>/g))];
    const pictures = await Promise.all(
      tags.map(async (tag) => {
        const attributes = attributesOf(tag);
        const src = attributes.get("src") ?? "";
        const file = localImageFile(src, article.inputPath, this.contentDir);
        return (file && (await this.pictureOrNothing(article, src, file, attributes.get("alt") ?? "", true))) ?? tag;
      }),
    );
    return tags.reduce((html, tag, index) => html.replaceAll(tag, pictures[index]!), body);
  }

  /** The picture, or undefined (the `<img>` stays, and the build warns) when the file is not there. */
  private async pictureOrNothing(article: Article, src: string, file: string, alt: string, lazy: boolean): Promise<string | undefined> {
    if (existsSync(file)) return this.picture(file, alt, lazy);
    this.onMissing(article, src);
    return undefined;
  }

  /** Places each rendition in the site once. */
  private async publish(metadata: ImageMetadata): Promise<void> {
    const renditions = Object.values(metadata)
      .flat()
      .filter(({ filename }) => !this.published.has(filename));
    for (const { filename } of renditions) this.published.add(filename);
    await this.place(renditions.map(({ outputPath, filename }) => [`${FOLDER}/${filename}`, outputPath]));
  }
}
