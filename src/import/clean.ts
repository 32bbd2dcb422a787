import { shortenAtWord } from "../markdown/excerpt.ts";
import type { Block } from "./types.ts";

/** Characters that scrapes leave in text and readers never see: zero-width spaces and joiners, soft hyphens, BOMs. */
const INVISIBLE = /[\u200b-\u200d\u2060\u00ad\ufeff]/g;

/** Cleans one raw line: removes invisible characters, turns tabs, no-break spaces and runs of spaces into one space, trims. */
export function cleanLine(line: string): string {
  return line.replace(INVISIBLE, "").replace(/[\s\u00a0]+/g, " ").trim();
}

/** The lines of a raw text, cleaned; blank lines are kept as "" because some layouts use them as separators. */
export function cleanLines(text: string): string[] {
  return text.split("\n").map(cleanLine);
}

/** The non-blank lines, in order. */
export function nonBlank(lines: readonly string[]): string[] {
  return lines.filter((line) => line !== "");
}

/** A photo credit that ends a caption: "(Ảnh: Reuters).", "(Ảnh minh họa)". */
const PHOTO_CREDIT = /\((?:ảnh|ảnh minh họa|nguồn ảnh|đồ họa|video|clip)(?:\s*:[^()]*)?\)\.?$/iu;

/** The longest line read as a caption for its photo credit; photo stories credit whole paragraphs too. */
const CAPTION_LENGTH = 200;

/**
 * Turns body lines into blocks. Captions of pictures the scrape lost become caption
 * blocks: a line repeated on the next line (aggregators print a caption under the picture
 * and again as its alt text), kept once, and a line that ends with a photo credit.
 * Every other line is a paragraph.
 */
export function toBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  const body = nonBlank(lines);
  for (let index = 0; index < body.length; index++) {
    const line = body[index]!;
    const repeated = body[index + 1] === line;
    while (body[index + 1] === line) index++;
    const credited = line.length <= CAPTION_LENGTH && PHOTO_CREDIT.test(line);
    blocks.push({ kind: repeated || credited ? "caption" : "paragraph", text: line });
  }
  return blocks;
}

/** A byline label such as "Tin, ảnh:", "Bài và ảnh:", "Ảnh:" or "PV:" before the names. */
const LABELLED_BYLINE = /^(?:(?:tin|bài|ảnh|video|clip)(?:(?:,| và)\s*(?:tin|bài|ảnh|video|clip))*|nhóm (?:pv|phóng viên)|pv|ctv)\s*:\s*(.+)$/iu;

/** A short line of capitalised words with no sentence punctuation: how papers print a bare byline ("Hoàng Quốc", "Hòa Lê (T/h)"). */
const BARE_BYLINE = /^\p{Lu}[\p{L}.]*(?: (?:\p{Lu}[\p{L}.]*|-|và))*(?: \((?:T\/h|TH|t\/h|tổng hợp|theo [^()]+)\))?$/u;

/** The most words a bare byline has: Vietnamese names have two to four, and a pair of them joined by "-". */
const BYLINE_WORDS = 9;

/** Splits a byline's text into names: "Minh Anh - Hòa Lê", "A, B và C". A note such as "(T/h)" is dropped. */
export function bylineNames(text: string): string[] {
  return text
    .replace(/\s*\([^()]*\)\s*$/u, "")
    .split(/\s+-\s+|,\s*|\s+và\s+/u)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** A credit the scrape glued onto a byline: "Nhật LinhTheo CNBC", "T.ThủyVideo: Reddit". */
const GLUED_CREDIT = /(?<=\p{Ll})(?:Theo|Video:|Ảnh:|Nguồn:|Clip:)\s?\S.*$/u;

/** Whether a line reads as a byline, and the names in it. A trailing credit ("Theo Reuters") is not a name. */
export function parseByline(line: string): string[] | undefined {
  const labelled = LABELLED_BYLINE.exec(line);
  if (labelled) return bylineNames(labelled[1]!);
  const names = line.replace(GLUED_CREDIT, "");
  if (names.length <= 60 && names.split(" ").length <= BYLINE_WORDS && BARE_BYLINE.test(names)) return bylineNames(names);
  return undefined;
}

/**
 * Takes the byline off the end of the body lines, where papers print it. A byline split
 * over lines by the scrape (`Hòa Lê` / `(` / `T/h` / `)`) is joined first.
 */
export function takeByline(lines: readonly string[]): { body: string[]; author?: string[] } {
  const body = nonBlank(lines);
  for (let taken = Math.min(4, body.length - 1); taken >= 1; taken--) {
    const tail = body.slice(-taken).join(" ").replace(/\( /g, "(").replace(/ \)/g, ")");
    if (taken > 1 && !tail.endsWith(")")) continue;
    const author = parseByline(tail);
    if (author?.length) return { body: body.slice(0, -taken), author };
  }
  return { body };
}

/** The longest derived title, in characters. */
export const DERIVED_TITLE_LENGTH = 110;

/** An agency tag opening a lead: "(Dân trí) - ", "(PLO)- ". */
const AGENCY_TAG = /^\([^()]{1,30}\)\s*[-–—]\s*/u;

/**
 * A readable title for an article that has none: the first sentence of its first paragraph
 * (or caption, in a photo story), without an agency tag, shortened at a word boundary.
 */
export function firstSentence(blocks: readonly Block[]): string | undefined {
  const text = (blocks.find((block) => block.kind === "paragraph") ?? blocks[0])?.text.replace(AGENCY_TAG, "");
  if (!text) return undefined;
  const end = /[.!?…](?=\s+[\p{Lu}"“(]|$)/u.exec(text);
  return shortenAtWord((end ? text.slice(0, end.index) : text).trim(), DERIVED_TITLE_LENGTH);
}
