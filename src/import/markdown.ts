import type { Root, RootContent } from "mdast";
import { toMarkdown } from "mdast-util-to-markdown";
import { stringify } from "yaml";
import type { ImportRecord } from "../content/schema.ts";
import type { Block, ImportedArticle } from "./types.ts";

/** An imported article that has what the schema requires. */
export type CompleteArticle = ImportedArticle & { title: string; date: string };

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One body block as mdast: a paragraph of plain text, or a caption-only figure in HTML (see README, "The body"). */
function blockNode(block: Block): RootContent {
  return block.kind === "paragraph"
    ? { type: "paragraph", children: [{ type: "text", value: block.text }] }
    : { type: "html", value: `<figure>\n<figcaption>${escapeHtml(block.text)}</figcaption>\n</figure>` };
}

/**
 * Writes an imported article as khotin Markdown: front matter in the documented key order,
 * then the body serialised by mdast-util-to-markdown, which escapes whatever Markdown
 * would otherwise read as syntax, so the text reads exactly as the raw file did.
 */
export function articleMarkdown(article: CompleteArticle, record: ImportRecord): string {
  const frontMatter = {
    title: article.title,
    date: article.date,
    summary: article.summary,
    category: article.category,
    location: article.location,
    author: article.author?.length === 1 ? article.author[0] : article.author,
    source: article.source,
    "x-import": record,
  };
  const yaml = stringify(frontMatter, { lineWidth: 0 });
  const body: Root = { type: "root", children: article.body.map(blockNode) };
  return `---\n${yaml}---\n\n${toMarkdown(body)}`;
}
