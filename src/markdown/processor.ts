import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { VFile } from "vfile";
import { plainBodyHtml } from "./plain-paragraphs.ts";
import rehypeFigure from "./rehype-figure.ts";
import rehypeRawIfPresent from "./rehype-raw-if-present.ts";
import { articleSanitizeSchema } from "./sanitize-schema.ts";

/**
 * The article body pipeline: Markdown → mdast → hast, raw HTML parsed into the tree (so
 * that the sanitiser sees it), figures from titled images, sanitised, then serialised.
 * Template syntax such as `{{ }}` is ordinary text to it.
 */
export const articleProcessor = unified()
  .use(remarkParse)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRawIfPresent)
  .use(rehypeFigure)
  .use(rehypeSanitize, articleSanitizeSchema)
  .use(rehypeStringify)
  .freeze();

/**
 * Renders an article's Markdown body to safe HTML; messages from the plugins land on the file.
 * A body of plain paragraphs, which has no messages, is rendered without the pipeline.
 */
export async function renderArticleBody(file: VFile): Promise<string> {
  return plainBodyHtml(String(file.value)) ?? String(await articleProcessor.process(file));
}
