import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { articleProcessor } from "./processor.ts";

/** The longest default excerpt, in characters, before it is cut at a word boundary. */
export const EXCERPT_LENGTH = 220;

/** Shortens text to at most `limit` characters, cutting at a word boundary and adding "…". */
export function shortenAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const boundary = cut.lastIndexOf(" ");
  return `${(boundary > limit / 2 ? cut.slice(0, boundary) : cut).replace(/[\s,;:.–-]+$/u, "")}…`;
}

/**
 * Characters that Markdown (CommonMark, as remark-parse reads it without extensions) and the
 * HTML pipeline leave as they are inside a paragraph: letters, marks, digits, spaces and
 * punctuation that opens no construct. No `*`, `_`, backtick, `[`, `<`, `&`, `\\`: no
 * emphasis, code, link, HTML, character reference or escape can start.
 */
const INERT_TEXT = /^[\p{L}\p{M}\p{N} \n,.;:?!"'“”‘’()%/–—…+=-]*$/u;

/** A line that does not start with a letter, a digit, a quote or a parenthesis (so no indent either), or an ordered-list marker. */
const BLOCK_START = /(?:^|\n)(?![\p{L}\p{N}"“‘'(]|\n|$)|(?:^|\n)\d+[.)]/u;

/**
 * The text of a block that is a single plain paragraph, without running the pipeline: what
 * the pipeline would give, since such a paragraph renders as its own text with whitespace
 * collapsed. Undefined when the block may hold any Markdown or HTML construct.
 */
function plainParagraphText(block: string): string | undefined {
  if (!INERT_TEXT.test(block) || BLOCK_START.test(block)) return undefined;
  return block.replace(/\s+/g, " ").trim();
}

/**
 * The default excerpt of an article: the text of its first paragraph as readers see it
 * (through the same pipeline, so sanitised), shortened. Blocks are rendered one at a time
 * until a paragraph turns up, which keeps this cheap on large archives; a block of plain
 * text, the usual first paragraph of a news article, is read without the pipeline.
 */
export function firstParagraphExcerpt(body: string): string {
  for (const block of body.split(/\n[ \t]*\n/)) {
    const plain = plainParagraphText(block);
    if (plain !== undefined) {
      if (plain) return shortenAtWord(plain, EXCERPT_LENGTH);
      continue;
    }
    const tree = articleProcessor.runSync(articleProcessor.parse(block)) as Root;
    const paragraph = tree.children.find((node): node is Element => node.type === "element" && node.tagName === "p");
    const text = paragraph ? toString(paragraph).replace(/\s+/g, " ").trim() : "";
    if (text) return shortenAtWord(text, EXCERPT_LENGTH);
  }
  return "";
}
