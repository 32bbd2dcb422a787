import { cleanLines, nonBlank, takeByline, toBlocks } from "../clean.ts";
import { datelineDate, urlTimestamp } from "../dates.ts";
import { province, publisherName, sectionFromUrl } from "../sources.ts";
import { infer, inferDate, type ImportedArticle, type RawFile, type Reader } from "../types.ts";

/** The aggregator's "158 liên quanGốcBắc Giang" line: related-article count and "original" link. Noise. */
const NOISE = /^\d+ liên quanGốc/u;

/** The closing "Nguồn Bắc Giang: http://…" line: the source's short name and the original URL. */
const SOURCE_LINE = /^Nguồn (.+?): (https?:\/\/\S+)$/u;

/**
 * The layout of the news aggregator the sample article comes from: title, the source's
 * short name, a noise line, paragraphs (captions twice), a byline, and `Nguồn <source>: <url>`.
 */
export const aggregatorReader: Reader = {
  format: "aggregator",
  detect: (file) => {
    const lines = nonBlank(cleanLines(file.text));
    return lines.slice(1, 4).some((line) => NOISE.test(line)) || SOURCE_LINE.test(lines.at(-1) ?? "");
  },
  read: (file: RawFile): ImportedArticle => {
    const lines = nonBlank(cleanLines(file.text));
    const article: ImportedArticle = { title: lines[0], body: [], origins: { title: "line 1" }, review: [] };
    let rest = lines.slice(1);
    const shortName = rest[0] && !NOISE.test(rest[0]) && !SOURCE_LINE.test(rest[0]) ? rest.shift() : undefined;
    rest = rest.filter((line) => !NOISE.test(line));

    const sourceLine = SOURCE_LINE.exec(rest.at(-1) ?? "");
    const url = sourceLine?.[2];
    if (sourceLine) rest = rest.slice(0, -1);
    const printedName = sourceLine?.[1] ?? shortName;
    if (printedName) {
      const publisher = publisherName(printedName, url);
      infer(article, "source", url ? { name: publisher.name, url } : { name: publisher.name }, publisher.origin);
    }

    const { body, author } = takeByline(rest);
    infer(article, "author", author, "byline");
    article.body = toBlocks(body);

    const text = body.join("\n");
    inferDate(article, (url ? urlTimestamp(url) : undefined) ?? datelineDate(body[0] ?? ""));
    infer(article, "category", url ? sectionFromUrl(url) : undefined, "url path");
    // A provincial paper writes about its province; take it as the location only when the text names it too.
    const place = printedName ? province(printedName) : undefined;
    infer(article, "location", place && text.includes(place) ? place : undefined, "source is a provincial paper + named in text");
    return article;
  },
};
