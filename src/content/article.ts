import { createHash } from "node:crypto";
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { archiveDay } from "./date.ts";
import { isError, report } from "./diagnostics.ts";
import { readFrontMatter } from "./front-matter.ts";
import { frontMatterKeys, frontMatterSchema, type FrontMatter } from "./schema.ts";
import { decodeArticleText } from "./source-text.ts";
import { firstParagraphExcerpt } from "../markdown/excerpt.ts";
import { slugifyVietnamese } from "./slug.ts";

/**
 * The front matter an article keeps: all of it but the importer's record (`x-import`), which is
 * validated and left in the file for editors. No page shows it, and it was a fifth of the
 * reading cache: reading back that of 91,759 articles took 1.75 to 1.88 s with it, 1.41 to
 * 1.45 s without.
 */
type ArticleFrontMatter = Omit<FrontMatter, "x-import">;

/** An article as the site sees it: validated front matter plus what khotin derives from it. */
export interface Article extends ArticleFrontMatter {
  /** What listings and meta descriptions show: the summary, or else the first paragraph, shortened. */
  excerpt: string;
  /** How many words the body has, for reading time. */
  words: number;
  /**
   * The Markdown body, when this process read the file: an article taken from the reading
   * cache has none, since bodies are most of its bytes and few builds need them. Ask
   * `articleBody` for it.
   */
  body?: string;
  /** Whether the body has a picture (a Markdown image or an `<img>` tag): its page then depends on image files too. */
  bodyHasPictures: boolean;
  /** SHA-256 of the file's bytes, for the build manifest: what changed between two builds. */
  hash: string;
  /** The file as messages name it (relative to the working directory). */
  file: string;
  /** The absolute path of the file: pictures beside the article are found from it, and the manifest names it. */
  inputPath: string;
  slug: string;
  /** The permanent URL, `/<yyyy>/<mm>/<slug>/`, with year and month in Asia/Ho_Chi_Minh. */
  url: string;
}

/** The outcome of reading one file: the article if it is valid, and every message about it. */
export interface ArticleReading {
  article?: Article;
  /** The file that messages about the article are reported on. */
  readonly file: VFile;
  /** The messages on `file`, read without making it where it is made on demand (see reading-cache.ts). */
  readonly messages: readonly VFileMessage[];
}

/** A file to read as an article. */
export interface ArticleSource {
  /** The path shown in messages. */
  file: string;
  /** The absolute path. */
  inputPath: string;
  bytes: Uint8Array;
}

/** The largest article file, in bytes: far beyond any news article, so a bigger file is a mistake (a dump, a binary). */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** How far ahead of the build a date may be before khotin asks whether it is a typo. */
const FUTURE_MARGIN_MS = 24 * 3600_000;

/** Whether a date is far enough ahead of `now` for khotin to ask whether it is a typo (schema/date-future). */
export function isFarFuture(date: Date, now: Date): boolean {
  return date.getTime() > now.getTime() + FUTURE_MARGIN_MS;
}

/** The SHA-256 of a file's bytes, in hex: what tells two versions of a file apart. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The most a typo may differ from a known key for khotin to suggest that key. */
const TYPO_DISTANCE = 3;

/** Reads, validates and derives one article; every problem found is recorded on the returned vfile. `now` dates the future-date check. */
export function readArticle(source: ArticleSource, now = new Date()): ArticleReading {
  const file = new VFile({ path: source.file });
  return { article: readInto(file, source, now), file, messages: file.messages };
}

/** readArticle's work: the article, if the file gives one, with every problem reported on `file`. */
function readInto(file: VFile, source: ArticleSource, now: Date): Article | undefined {
  if (source.bytes.length === 0) {
    report(file, "the file is empty: write front matter with title: and date:, then the article", "content/empty", "error", { line: 1, column: 1 });
    return undefined;
  }
  if (source.bytes.length > MAX_ARTICLE_BYTES) {
    const megabytes = (source.bytes.length / 1024 / 1024).toFixed(1);
    report(file, `the file is ${megabytes} MB, more than the ${MAX_ARTICLE_BYTES / 1024 / 1024} MB an article may be: split it, or check that it is an article`, "content/too-large", "error", { line: 1, column: 1 });
    return undefined;
  }
  const decoded = decodeArticleText(source.bytes);
  if ("problem" in decoded) {
    report(file, decoded.problem.reason, decoded.problem.ruleId, "error", decoded.problem.place);
    return undefined;
  }
  const block = readFrontMatter(decoded.text);
  for (const problem of block.problems) report(file, problem.reason, problem.ruleId, "error", problem.place);
  if (block.problems.length > 0) return undefined;
  if (block.data === null || typeof block.data !== "object" || Array.isArray(block.data)) {
    report(file, "the front matter must be a map of fields: write title: and date: on their own lines", "schema/shape", "error", { line: 1, column: 1 });
    return undefined;
  }

  for (const key of Object.keys(block.data)) {
    if (frontMatterKeys.includes(key)) continue;
    const guess = closest(key, [...frontMatterKeys]);
    const hint = distance(key, guess) <= TYPO_DISTANCE ? `did you mean "${guess}"?` : `known keys are ${frontMatterKeys.join(", ")}`;
    report(file, `unknown key "${key}" is ignored: ${hint}`, "schema/unknown-key", "warning", block.locateKey(key));
  }

  const parsed = frontMatterSchema.safeParse(block.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      report(file, issue.message, `schema/${String(issue.path[0] ?? "shape")}`, "error", block.locate(issue.path));
    }
    return undefined;
  }

  const { year, month, day } = archiveDay(parsed.data.date);
  if (isFarFuture(parsed.data.date, now)) {
    report(file, `date ${year}-${month}-${day} is in the future: check it for a typo (the article is built all the same)`, "schema/date-future", "warning", block.locate(["date"]));
  }
  const slug = parsed.data.slug ?? slugifyVietnamese(path.basename(source.file, path.extname(source.file)));
  if (!slug) {
    report(file, "the file name gives an empty slug: rename the file, or add slug: to the front matter", "url/slug", "error", { line: 1, column: 1 });
    return undefined;
  }
  const { "x-import": _importRecord, ...frontMatter } = parsed.data;
  // Assigned, not spread and then followed by the fields below: in V8 every object made so gets a hidden class of its
  // own (91,745 of them for 91,759 articles), which made every read of an article's fields take the slow way.
  return Object.assign({}, frontMatter, {
    excerpt: parsed.data.summary ?? firstParagraphExcerpt(block.body),
    words: countWords(block.body),
    body: block.body,
    bodyHasPictures: /!\[|<img/i.test(block.body),
    hash: hashBytes(source.bytes),
    file: source.file,
    inputPath: source.inputPath,
    slug,
    url: `/${year}/${month}/${slug}/`,
  });
}

/** What each UTF-16 code unit is to the word count: 1 whitespace (`\s`), 2 a letter or digit (`[\p{L}\p{N}]`), 0 anything else. Surrogates are 0 here, and handled as pairs. */
const CODE_UNIT_CLASS = (() => {
  const classes = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    const char = String.fromCharCode(unit);
    classes[unit] = /\s/.test(char) ? 1 : /[\p{L}\p{N}]/u.test(char) ? 2 : 0;
  }
  return classes;
})();

/**
 * How many words a text has: runs of non-whitespace that hold a letter or a digit. The same
 * count as `text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length`, in one pass.
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  let counted = false;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    let kind = CODE_UNIT_CLASS[unit]!;
    if (kind === 1) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      counted = false;
    }
    if (counted) continue;
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        kind = /[\p{L}\p{N}]/u.test(text.slice(index, index + 2)) ? 2 : 0;
        index++;
      }
    }
    if (kind === 2) {
      words++;
      counted = true;
    }
  }
  return words;
}

/** Whether a reading recorded any error. */
export function hasErrors(reading: ArticleReading): boolean {
  return reading.messages.some(isError);
}
