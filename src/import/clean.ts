import { decodeHTML } from "entities";
import { shortenAtWord } from "../markdown/excerpt.ts";
import { province } from "./sources.ts";
import type { Block } from "./types.ts";

/** Characters that scrapes leave in text and readers never see: zero-width spaces and joiners, soft hyphens, BOMs. */
const INVISIBLE = /[\u200b-\u200d\u2060\u00ad\ufeff]/g;

/**
 * Cleans one raw line: decodes HTML entities that scrapes leave behind (`&quot;`, `&amp;`),
 * removes invisible characters, turns tabs, no-break spaces and runs of spaces into one
 * space, trims, and normalises to NFC again (decoding can produce decomposed text).
 */
export function cleanLine(line: string): string {
  return decodeHTML(line).replace(INVISIBLE, "").replace(/[\s\u00a0]+/g, " ").trim().normalize("NFC");
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

/** What a repeated line needs to be taken for a caption: two words of letters. */
const CAPTION_WORDS = /\p{L}{2,}.*\s.*\p{L}{2,}/u;

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
    // Only words make a caption; repeated numbers ("12" / "12") are table cells, and both stay.
    const repeated = body[index + 1] === line && CAPTION_WORDS.test(line);
    while (repeated && body[index + 1] === line) index++;
    const credited = line.length <= CAPTION_LENGTH && PHOTO_CREDIT.test(line);
    blocks.push({ kind: repeated || credited ? "caption" : "paragraph", text: line });
  }
  return blocks;
}

/** A byline label such as "Tin, ảnh:", "Bài và ảnh:", "Ảnh:" or "PV:" before the names. */
const LABELLED_BYLINE = /^(?:(?:tin|bài|ảnh|video|clip)(?:(?:,| và)\s*(?:tin|bài|ảnh|video|clip))*|nhóm (?:pv|phóng viên)|pv|ctv)\s*:\s*(.+)$/iu;

/** Capitalised words with no sentence punctuation: how papers print the names of a bare byline ("Hoàng Quốc", "T.Thủy"). */
const BARE_NAMES = /^\p{Lu}[\p{L}.]*(?: (?:\p{Lu}[\p{L}.]*|-|và))*$/u;

/** The most words a bare byline has: Vietnamese names have two to four, and a pair of them joined by "-". */
const BYLINE_WORDS = 9;

/** A credit after the names, glued on by the scrape or not: "Nhật LinhTheo CNBC", "Tri Thu Theo Đời sống", "Khang PhạmTổng hợp". */
const TRAILING_CREDIT = /(?:^|(?<=\p{Ll})|\s+)(?:Theo|Tổng hợp|Video:|Ảnh:|Nguồn:|Clip:)(?:\s.*)?$/u;

/** A note after the names: "(T/h)", "(Theo Bloomberg)", "(tổng hợp theo báo Infonet)", "/VOV.VN". */
const TRAILING_NOTE = /(?:\s*\([^()]*\)|\/[\p{Lu}.]+)$/u;

/** Splits the names of a byline: "Minh Anh - Hòa Lê", "A, B và C". */
export function bylineNames(text: string): string[] {
  return text
    .split(/\s+-\s+|,\s*|\s+và\s+/u)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** A byline: the names, and any credit or note printed after them ("Theo Reuters", "(T/h)"), which stays in the text. */
export interface Byline {
  names: string[];
  credit?: string;
}

/**
 * Whether a line reads as a byline. Credits and notes ("Theo Reuters", "(T/h)") are not
 * names, and neither is a place name on a line of its own ("Hà Nội").
 */
export function parseByline(line: string): Byline | undefined {
  const labelled = LABELLED_BYLINE.exec(line);
  if (labelled) {
    // "Ảnh: Reuters Đó là thông báo…": a caption credit that runs into the text is no byline.
    const names = labelled[1]!.replace(TRAILING_NOTE, "");
    return names.length <= 60 && !/[.!?;:]\s/u.test(names) ? { names: bylineNames(names) } : undefined;
  }
  const names = line.replace(TRAILING_CREDIT, "").replace(TRAILING_NOTE, "");
  if (names.length > 60 || names.split(" ").length > BYLINE_WORDS || !BARE_NAMES.test(names) || province(names)) return undefined;
  // "Trần Ngọc/VOV.VN": the outlet after the slash is a credit, printed without the slash.
  const credit = line.slice(names.length).replace(/^\s*\//, "").trim();
  return credit ? { names: bylineNames(names), credit } : { names: bylineNames(names) };
}

/** The longest line taken as a fragment of a byline that the scrape split over several lines. */
const BYLINE_FRAGMENT = 60;

/**
 * Takes the byline off the end of the body lines, where papers print it. A byline split
 * over short lines by the scrape (`Hòa Lê` / `(` / `T/h` / `)`, `Mi Vân` / `Theo Pop`) is
 * joined first; the fewest lines that make a byline win. A credit after the names stays as
 * the last paragraph, so the text still reads as the original did.
 */
export function takeByline(lines: readonly string[]): { body: string[]; author?: string[] } {
  const body = nonBlank(lines);
  for (let taken = 1; taken <= Math.min(4, body.length - 1); taken++) {
    const tail = body.slice(-taken);
    if (taken > 1 && tail.some((line) => line.length > BYLINE_FRAGMENT)) break;
    const byline = parseByline(tail.join(" ").replace(/\( /g, "(").replace(/ \)/g, ")"));
    if (byline) return { body: [...body.slice(0, -taken), ...(byline.credit ? [byline.credit] : [])], author: byline.names };
  }
  return { body };
}

/** The longest derived title, in characters. */
export const DERIVED_TITLE_LENGTH = 110;

/** An agency tag opening a lead: "(Dân trí) - ", "(PLO)- ". */
const AGENCY_TAG = /^\([^()]{1,30}\)\s*[-–—]\s*/u;

/** Words that tie a sentence to one before it, so that it cannot stand as a title: "Tuy nhiên, …", "Trong khi đó, …". */
const CONNECTIVE = /^(?:tuy nhiên|trong khi đó|ngoài ra|bên cạnh đó|theo đó|do đó|vì vậy|vì thế|thậm chí|đồng thời|cũng theo|trước đó|sau đó|mặt khác)\b/iu;

/**
 * A readable title for an article that has none: the first sentence of its first paragraph
 * (or caption, in a photo story) that does not open with a connective, without an agency
 * tag or leading dash, shortened at a word boundary.
 */
export function firstSentence(blocks: readonly Block[]): string | undefined {
  const paragraphs = blocks.filter((block) => block.kind === "paragraph");
  const lead = paragraphs.find((block) => !CONNECTIVE.test(block.text)) ?? paragraphs[0] ?? blocks[0];
  const text = lead?.text.replace(AGENCY_TAG, "").replace(/^[-–—•*]\s*/u, "");
  if (!text) return undefined;
  const end = /[.!?…](?=\s+[\p{Lu}"“(]|$)/u.exec(text);
  return shortenAtWord((end ? text.slice(0, end.index) : text).trim(), DERIVED_TITLE_LENGTH);
}
