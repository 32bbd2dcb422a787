import { readFileSync } from "node:fs";
import { hashBytes, type Article } from "./article.ts";
import { readFrontMatter } from "./front-matter.ts";
import { decodeArticleText } from "./source-text.ts";

/** An article's file no longer holds what the archive was loaded from: a build must not mix two versions of it. */
export class ArticleChangedError extends Error {}

/**
 * The Markdown body of an article: the one read with it, or else (an article from the reading
 * cache) read again from its file, which must still hold the bytes the article was made from.
 * The file is read synchronously: a build asks for the bodies of the pages and search shards
 * it renders, a few files at a time between renders.
 */
export function articleBody(article: Article): string {
  if (article.body !== undefined) return article.body;
  const bytes = readFileSync(article.inputPath);
  const decoded = hashBytes(bytes) === article.hash ? decodeArticleText(bytes) : undefined;
  if (!decoded || !("text" in decoded)) throw new ArticleChangedError(`${article.file} changed while the site was being built: build again`);
  return readFrontMatter(decoded.text).body;
}
