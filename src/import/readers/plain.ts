import { cleanLines, nonBlank, takeByline, toBlocks } from "../clean.ts";
import { datelineDate } from "../dates.ts";
import { infer, inferDate, type ImportedArticle, type Reader } from "../types.ts";

/** The longest first line taken as a title. */
const TITLE_LENGTH = 250;

/**
 * The plainest layout, and the last one detection tries: a title line, then one paragraph
 * per line, perhaps a byline at the end (the ViMs clusters, and hand-collected text).
 */
export const plainReader: Reader = {
  format: "plain",
  detect: (file) => {
    const lines = nonBlank(cleanLines(file.text));
    return lines.length >= 2 && lines[0]!.length <= TITLE_LENGTH;
  },
  read: (file) => {
    const lines = nonBlank(cleanLines(file.text));
    const article: ImportedArticle = { title: lines[0], body: [], origins: { title: "line 1" }, review: [] };
    const { body, author } = takeByline(lines.slice(1));
    article.body = toBlocks(body);
    infer(article, "author", author, "byline");
    inferDate(article, datelineDate(body[0] ?? ""));
    return article;
  },
};
