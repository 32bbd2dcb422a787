import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { readArticle } from "../content/article.ts";
import { archiveDay, parseArchiveDate } from "../content/date.ts";
import { formatMessage, isError } from "../content/diagnostics.ts";
import { readFrontMatter } from "../content/front-matter.ts";
import type { ImportRecord } from "../content/schema.ts";
import { slugifyVietnamese } from "../content/slug.ts";
import { decodeRawText } from "./decode.ts";
import { articleMarkdown } from "./markdown.ts";
import { detectReader, readerNamed } from "./readers/index.ts";
import { infer, type ImportedField, type Reader } from "./types.ts";

/** What `khotin import` was asked to do. */
export interface ImportOptions {
  /** Raw files or folders of them. */
  inputs: readonly string[];
  /** The content folder to write into. */
  out: string;
  /** A reader to use for every file instead of detecting the layout. */
  format?: string;
  /** Overwrite files an editor may have changed. */
  force: boolean;
  /** The date to give articles in which none can be found (`YYYY-MM-DD`). */
  dateFallback?: string;
  /** Called after each file, for progress reports. */
  onProgress?: (done: number, total: number) => void;
}

/** What happened to one raw file. */
export interface ImportOutcome {
  /** The raw file, relative to the folder (or as the file) it was given in. */
  from: string;
  status: "written" | "unchanged" | "overwritten" | "kept" | "skipped";
  /** Why a file was kept or skipped. */
  reason?: string;
  /** The Markdown file, relative to the output folder. */
  output?: string;
  format?: string;
  fields?: Partial<Record<ImportedField, string>>;
  review?: string[];
}

/** A raw file to import: where it is, and how it is named in reports and in `x-import.from`. */
interface RawSource {
  absolute: string;
  from: string;
}

/** The longest slug the importer makes from a title, cut at a word boundary; titles can run to hundreds of characters. */
const SLUG_LENGTH = 80;

/** A readable slug from a title: "Đổi mới phương thức…" → "doi-moi-phuong-thuc-…", at most SLUG_LENGTH characters. */
export function titleSlug(title: string): string {
  const slug = slugifyVietnamese(title);
  if (slug.length <= SLUG_LENGTH) return slug;
  const cut = slug.slice(0, SLUG_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf("-") > 0 ? cut.lastIndexOf("-") : SLUG_LENGTH);
}

/** Lists the raw files under the inputs, each named relative to the folder it was found in, in a stable order. */
async function collectRawFiles(inputs: readonly string[]): Promise<RawSource[]> {
  const sources: RawSource[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(input);
    if (!(await stat(absolute)).isDirectory()) {
      sources.push({ absolute, from: path.basename(absolute) });
      continue;
    }
    const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.startsWith(".")) continue;
      const file = path.join(entry.parentPath, entry.name);
      sources.push({ absolute: file, from: path.join(path.basename(absolute), path.relative(absolute, file)).split(path.sep).join("/") });
    }
  }
  return sources.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** An article ready to place: its Markdown and the folder and slug it wants. */
interface Prepared {
  outcome: ImportOutcome;
  markdown: string;
  folder: string;
  slug: string;
}

/** Reads, converts and validates one raw file; a file that cannot become a valid article is skipped with the reason. */
function prepare(source: RawSource, bytes: Uint8Array, options: ImportOptions): Prepared | ImportOutcome {
  const skip = (reason: string, format?: string): ImportOutcome => ({ from: source.from, status: "skipped", reason, format });
  const decoded = decodeRawText(bytes);
  if ("problem" in decoded) return skip(decoded.problem);
  const raw = { path: source.from, text: decoded.text };
  const reader: Reader | undefined = options.format ? readerNamed(options.format) : detectReader(raw);
  if (!reader) return skip("the layout is not one khotin can read (see --format)");
  const article = reader.read(raw);
  if (!article.title) return skip("no title found", reader.format);
  if (article.body.length === 0) return skip("no body text found", reader.format);
  const date = article.date ?? options.dateFallback;
  if (!date) return skip("no date found: give one with --date-fallback=YYYY-MM-DD", reader.format);
  if (!article.date) {
    infer(article, "date", date, "--date-fallback");
    article.review.push("the date is the --date-fallback, not the article's own");
  }
  const record: ImportRecord = { format: reader.format, from: source.from, fields: article.origins };
  if (article.review.length > 0) record.review = article.review;
  const markdown = articleMarkdown({ ...article, title: article.title, date }, record);
  const { year, month } = archiveDay(parseArchiveDate(date)!);
  const slug = titleSlug(article.title);
  // The output must load as a valid article: check it with the content loader before writing anything.
  const check = readArticle({ file: source.from, inputPath: source.absolute, bytes: new TextEncoder().encode(markdown) });
  const errors = check.file.messages.filter(isError);
  if (errors.length > 0 || !slug) return skip(`the converted article is not valid: ${errors.map(formatMessage).join("; ") || "empty slug"}`, reader.format);
  return {
    outcome: { from: source.from, status: "written", format: reader.format, fields: article.origins, review: article.review },
    markdown,
    folder: `${year}/${month}`,
    slug,
  };
}

/** The `x-import.from` of an existing Markdown file, to tell a re-import from a slug collision. */
async function importedFrom(file: string): Promise<string | undefined> {
  const block = readFrontMatter(await readFile(file, "utf8"));
  const data = block.data as { "x-import"?: { from?: unknown } } | undefined;
  return typeof data?.["x-import"]?.from === "string" ? data["x-import"].from : undefined;
}

/**
 * Places an article at `<folder>/<slug>.md`, or `<slug>-2.md`, `-3`… when the name is taken,
 * in this import or by a file from another source. A file from the same source is the
 * article's own: unchanged, overwritten with --force, or kept because an editor may have fixed it.
 */
async function place(prepared: Prepared, outDir: string, claimed: Set<string>, force: boolean): Promise<ImportOutcome> {
  for (let suffix = 1; ; suffix++) {
    const output = `${prepared.folder}/${prepared.slug}${suffix === 1 ? "" : `-${suffix}`}.md`;
    if (claimed.has(output)) continue;
    const target = path.join(outDir, output);
    const existing = await readFile(target, "utf8").catch(() => undefined);
    if (existing !== undefined && (await importedFrom(target)) !== prepared.outcome.from) continue;
    claimed.add(output);
    if (existing === prepared.markdown) return { ...prepared.outcome, status: "unchanged", output };
    if (existing !== undefined && !force) {
      return { ...prepared.outcome, status: "kept", output, reason: "the file exists and differs (an editor may have fixed it): use --force to overwrite" };
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, prepared.markdown);
    return { ...prepared.outcome, status: existing === undefined ? "written" : "overwritten", output };
  }
}

/** Imports raw article files into a content folder and returns what happened to each, in a stable order. */
export async function importArticles(options: ImportOptions): Promise<ImportOutcome[]> {
  const sources = await collectRawFiles(options.inputs);
  const outDir = path.resolve(options.out);
  const claimed = new Set<string>();
  const outcomes: ImportOutcome[] = [];
  for (const [index, source] of sources.entries()) {
    const prepared = prepare(source, await readFile(source.absolute), options);
    outcomes.push("markdown" in prepared ? await place(prepared, outDir, claimed, options.force) : prepared);
    options.onProgress?.(index + 1, sources.length);
  }
  return outcomes;
}
