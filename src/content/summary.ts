import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";

/** The longest default summary, in characters, before it is cut at a word boundary. */
export const SUMMARY_LENGTH = 220;

/** Shortens text to at most `limit` characters, cutting at a word boundary and adding "…". */
export function shortenAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const boundary = cut.lastIndexOf(" ");
  return `${(boundary > limit / 2 ? cut.slice(0, boundary) : cut).replace(/[\s,;:.–-]+$/u, "")}…`;
}

/**
 * The default lead of an article: the plain text of its first paragraph, shortened.
 * Only the blocks before that paragraph are parsed, so this stays cheap on large archives.
 */
export function defaultSummary(body: string): string {
  for (const block of body.split(/\n[ \t]*\n/)) {
    const first = fromMarkdown(block).children[0];
    if (first?.type === "paragraph") {
      const text = toString(first).replace(/\s+/g, " ").trim();
      if (text) return shortenAtWord(text, SUMMARY_LENGTH);
    }
  }
  return "";
}
