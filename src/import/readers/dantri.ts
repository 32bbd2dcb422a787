import { slugifyVietnamese } from "../../content/slug.ts";
import { cleanLines, firstSentence, nonBlank, takeByline, toBlocks } from "../clean.ts";
import { calendarDate, urlTimestamp } from "../dates.ts";
import { titleFromSlug, urlSlugWords } from "../slug-title.ts";
import { publisherOfUrl } from "../sources.ts";
import { infer, type ImportedArticle, type Reader } from "../types.ts";

/** The sections of the UNC corpus, by the English name in its file names (`news_<category>_<NNN>.txt`). */
const UNC_CATEGORIES: Record<string, string> = {
  business: "Kinh doanh",
  education: "Giáo dục",
  entertainment: "Giải trí",
  health: "Sức khỏe",
  science: "Khoa học",
  society: "Xã hội",
  sport: "Thể thao",
  tech: "Công nghệ",
  travel: "Du lịch",
  world: "Thế giới",
};

/** A `# key = value` header line. */
const HEADER = /^# ([a-z_]+) = (.*)$/;

/**
 * Whether a line is the article's title: a title is short, has no final full stop, and
 * shares most of its words with the URL's slug (which Dân Trí builds from the title).
 */
function isTitleOf(line: string, url: string): boolean {
  if (line.length > 200 || /[.:]$/.test(line)) return false;
  const urlWords = new Set(urlSlugWords(url));
  const words = slugifyVietnamese(line).split("-");
  return words.length > 0 && words.filter((word) => urlWords.has(word)).length / words.length >= 0.6;
}

/**
 * The Underthesea News Corpus layout (Dân Trí): `# doc_id`, `# url` and `# date` headers,
 * then one paragraph per line with the byline last. Only some files start with the title;
 * for the rest the headline is restored from the URL's slug where the text allows, or else
 * derived from the first sentence, and marked for review either way.
 */
export const dantriReader: Reader = {
  format: "dantri",
  detect: (file) => /^# doc_id = .*\n# url = /.test(file.text),
  read: (file): ImportedArticle => {
    const lines = nonBlank(cleanLines(file.text));
    const headers = new Map(lines.flatMap((line) => {
      const match = HEADER.exec(line);
      return match ? [[match[1]!, match[2]!] as const] : [];
    }));
    const text = lines.filter((line) => !HEADER.test(line));
    const article: ImportedArticle = { body: [], origins: {}, review: [] };
    const url = headers.get("url");

    const hasTitle = url !== undefined && text[0] !== undefined && isTitleOf(text[0], url);
    const { body, author } = takeByline(hasTitle ? text.slice(1) : text);
    article.body = toBlocks(body);
    const restored = !hasTitle && url ? titleFromSlug(url, text.join(" ")) : undefined;
    if (hasTitle) {
      infer(article, "title", text[0], "line 1");
    } else if (restored) {
      infer(article, "title", restored, "url slug, accents from the text");
      article.review.push("the title is restored from the URL, with accents from the text");
    } else {
      infer(article, "title", firstSentence(article.body), "first sentence");
      article.review.push("the title is derived from the first sentence");
    }
    infer(article, "author", author, "byline");

    const headerDate = /^(\d{4})(\d{2})(\d{2})$/.exec(headers.get("date") ?? "");
    const day = headerDate ? calendarDate(headerDate[1]!, headerDate[2]!, headerDate[3]!) : undefined;
    const stamped = url ? urlTimestamp(url) : undefined;
    // The URL's timestamp is when Dân Trí published; the header is a day later in 34 files, apparently the crawl date.
    if (stamped) {
      infer(article, "date", stamped.date, day && stamped.date.startsWith(day) ? "url timestamp, agreeing with # date" : stamped.origin);
      if (day && !stamped.date.startsWith(day)) article.review.push(`the # date header says ${day}; the date is the URL's timestamp`);
    } else {
      infer(article, "date", day, "# date header");
    }
    infer(article, "category", UNC_CATEGORIES[/news_([a-z]+)_\d+/.exec(file.path)?.[1] ?? ""], "file name");
    infer(article, "source", url ? { name: publisherOfUrl(url) ?? new URL(url).hostname, url } : undefined, "# url header");
    return article;
  },
};
