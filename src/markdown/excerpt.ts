import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { plainParagraph } from "./plain-paragraphs.ts";
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

/** The text of a block that is a single plain paragraph, as readers see it: whitespace collapsed. Undefined when the block may hold any construct. */
function plainParagraphText(block: string): string | undefined {
  return plainParagraph(block)?.replace(/\s+/g, " ").trim();
}

/** The blocks of a body, as `body.split(/\n[ \t]*\n/)` gives them, one at a time: the excerpt seldom needs more than the first. */
function* blocks(body: string): Generator<string> {
  const separator = /\n[ \t]*\n/g;
  let start = 0;
  for (let match = separator.exec(body); match; match = separator.exec(body)) {
    yield body.slice(start, match.index);
    start = separator.lastIndex;
  }
  yield body.slice(start);
}

/**
 * The default excerpt of an article: the text of its first paragraph as readers see it
 * (through the same pipeline, so sanitised), shortened. Blocks are rendered one at a time
 * until a paragraph turns up, which keeps this cheap on large archives; a block of plain
 * text, the usual first paragraph of a news article, is read without the pipeline.
 */
export function firstParagraphExcerpt(body: string): string {
  for (const block of blocks(body)) {
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
