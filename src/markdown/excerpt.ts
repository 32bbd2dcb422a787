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
 * The default excerpt of an article: the text of its first paragraph as readers see it
 * (through the same pipeline, so sanitised), shortened. Blocks are rendered one at a time
 * until a paragraph turns up, which keeps this cheap on large archives.
 */
export function firstParagraphExcerpt(body: string): string {
  for (const block of body.split(/\n[ \t]*\n/)) {
    const tree = articleProcessor.runSync(articleProcessor.parse(block)) as Root;
    const paragraph = tree.children.find((node): node is Element => node.type === "element" && node.tagName === "p");
    const text = paragraph ? toString(paragraph).replace(/\s+/g, " ").trim() : "";
    if (text) return shortenAtWord(text, EXCERPT_LENGTH);
  }
  return "";
}
