import { cleanLine, nonBlank, takeByline, toBlocks } from "../clean.ts";
import { calendarDate, datelineDate, type FoundDate } from "../dates.ts";
import { infer, inferDate, type ImportedArticle, type RawFile, type Reader } from "../types.ts";

/** baomoi's files are named after its article ids. */
const BAOMOI_ID = /(?:^|\/)(\d{5,})\.txt$/;

/** The baomoi article id a file is named after, and the URL baomoi served it at. */
function baomoiSource(file: RawFile): ImportedArticle["source"] | undefined {
  const id = BAOMOI_ID.exec(file.path)?.[1];
  return id ? { name: "Báo Mới", url: `http://www.baomoi.com/a/c/${id}.epi` } : undefined;
}

/** A stamp some baomoi bodies keep from their source page: "| 07:05 13/05/2017". */
const PAGE_STAMP = /\| (\d{2}):(\d{2}) (\d{2})\/(\d{2})\/(\d{4})/;

/** The date of a baomoi article: a stamp from its page, else the dateline of its lead or first paragraph. */
function baomoiDate(lead: string | undefined, firstParagraph: string | undefined, text: string): FoundDate | undefined {
  const stamp = PAGE_STAMP.exec(text);
  if (stamp) {
    const [, hour, minute, day, month, year] = stamp;
    const date = calendarDate(year!, month!, day!);
    if (date) return { date: `${date}T${hour}:${minute}:00`, origin: "page stamp in text" };
  }
  return (lead ? datelineDate(lead) : undefined) ?? (firstParagraph ? datelineDate(firstParagraph) : undefined);
}

/** Fills in the fields both baomoi layouts share: source, date and summary (the lead). */
function completeBaomoi(article: ImportedArticle, file: RawFile, lead: string | undefined): ImportedArticle {
  // Some articles are nothing but their lead: then the lead is the body, not a summary of it.
  const summary = article.body.length > 0 ? lead : undefined;
  if (article.body.length === 0 && lead) article.body = [{ kind: "paragraph", text: lead }];
  infer(article, "source", baomoiSource(file), "file name (baomoi id)");
  infer(article, "summary", summary, "lead");
  const text = [summary, ...article.body.map((block) => block.text)].join("\n");
  const found = baomoiDate(summary, article.body.find((block) => block.kind === "paragraph")?.text, text);
  inferDate(article, found);
  return article;
}

/** Whether a raw line was cut off by an inline tag: it ends in a space, after no sentence punctuation. */
const CUT_AFTER = /[^.!?…:"”]\s$/u;

/** Closing punctuation, which continues the line before without a space. */
const CLOSING = /^\s*[,.;:)\]”’!?…]/u;

/** Whether a raw line continues the one before: it starts with a space, a lowercase letter or closing punctuation. */
const CONTINUES = /^(?:\s|\p{Ll})/u;

/**
 * Joins the lines that baomoi's scraper split at inline HTML tags (`Trao đổi với ` /
 * `phóng viên…`, `Hòa Lê` / ` (` / `T/h` / `)`), which are one paragraph in the article.
 * About 1,500 of the 3,756 files have such splits.
 */
export function joinSplitLines(rawLines: readonly string[]): string[] {
  const joined: string[] = [];
  for (const line of rawLines) {
    if (line.trim() === "") continue;
    const previous = joined.at(-1);
    if (previous === undefined || !(CUT_AFTER.test(previous) || CONTINUES.test(line) || CLOSING.test(line))) joined.push(line);
    else joined[joined.length - 1] = `${previous.trimEnd()}${CLOSING.test(line) ? "" : " "}${line.trimStart()}`;
  }
  return joined.map(cleanLine);
}

/** The lead at the end of a baomoi-paragraphs file, after two or more blank lines. */
const TRAILING_LEAD = /\n[ \t]*\n[ \t]*\n\s*([^\n]+)\n?$/;

/**
 * baomoi's paragraph layout: title, a blank line, one paragraph per line (captions on
 * their own lines, sometimes twice), the byline (sometimes split: `Hòa Lê` / `(` / `T/h` / `)`),
 * blank lines, and the lead (sapo) last, which becomes the summary.
 */
export const baomoiParagraphsReader: Reader = {
  format: "baomoi-paragraphs",
  detect: (file) => /^[^\n]+\n[ \t]*\n/.test(file.text) && (TRAILING_LEAD.test(file.text) || BAOMOI_ID.test(file.path)),
  read: (file) => {
    const lead = TRAILING_LEAD.exec(file.text);
    const [title = "", ...rawBody] = (lead ? file.text.slice(0, lead.index) : file.text).split("\n");
    const article: ImportedArticle = { title: cleanLine(title), body: [], origins: { title: "line 1" }, review: [] };
    const { body, author } = takeByline(joinSplitLines(rawBody));
    article.body = toBlocks(body);
    infer(article, "author", author, "byline");
    return completeBaomoi(article, file, lead ? cleanLine(lead[1]!) : undefined);
  },
};

/**
 * Where a flattened body may be split into paragraphs: two or more spaces after the end of a
 * sentence and before a capital. Checked against the 3,666 articles that baomoi-paragraphs
 * also holds, 580 of 614 such places are paragraph ends there (most of the rest end captions);
 * a single space after a full stop is no evidence at all, so the body is not split there.
 */
const SAFE_PARAGRAPH_BREAK = /(?<=[.!?…"”])\s{2,}(?=[\p{Lu}"“])/u;

/** A byline glued to the end of a flattened body, after its last sentence: "… giá trị. Hải Sâm". */
const TRAILING_BYLINE = /(?<=[.!?…"”])\s+([^.!?…"”]{1,60})$/u;

/**
 * baomoi's flat layout: title, lead, and the whole body on one line, usually ending with
 * the byline, in a file named after its baomoi id (three short lines alone say too little).
 * The body is split into paragraphs only at SAFE_PARAGRAPH_BREAK.
 */
export const baomoiFlatReader: Reader = {
  format: "baomoi-flat",
  detect: (file) => {
    const lines = nonBlank(file.text.split("\n"));
    return BAOMOI_ID.test(file.path) && (lines.length === 2 || lines.length === 3) && !/^[^\n]+\n[ \t]*\n/.test(file.text);
  },
  read: (file) => {
    const [title, lead, flatBody = ""] = nonBlank(file.text.split("\n"));
    const article: ImportedArticle = { title: cleanLine(title ?? ""), body: [], origins: { title: "line 1" }, review: [] };
    const pieces = flatBody.split(SAFE_PARAGRAPH_BREAK).map(cleanLine);
    const last = pieces.at(-1) ?? "";
    const glued = TRAILING_BYLINE.exec(last);
    const byline = takeByline(glued ? [...pieces.slice(0, -1), last.slice(0, glued.index).trim(), glued[1]!] : pieces);
    infer(article, "author", byline.author, "byline");
    article.body = toBlocks(byline.author ? byline.body : pieces);
    if (pieces.length > 1) article.review.push("the body was split into paragraphs at double spaces");
    return completeBaomoi(article, file, lead ? cleanLine(lead) : undefined);
  },
};
