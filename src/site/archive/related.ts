import type { Article } from "../../content/article.ts";
import { articleBody } from "../../content/article-body.ts";
import { startWorker } from "../../project.ts";
import { relatedIndices, relatedListOf, type RelatedLists } from "./related-scores.ts";
import { BODY_CHARACTERS, type RelatedText } from "./related-terms.ts";

/** Each article's related articles, by URL, from their indices (see relatedIndices). */
function byUrl(articles: readonly Article[], lists: RelatedLists): Map<string, Article[]> {
  return new Map(articles.map((article, index) => [article.url, relatedListOf(lists, index).map((other) => articles[other]!)]));
}

/** What an article's related articles are found from (an article from the reading cache reads its body again). */
function relatedText(article: Article): RelatedText {
  return { title: article.title, body: articleBody(article).slice(0, BODY_CHARACTERS) };
}

/** The related articles of each article of a newest-first list, by URL (see relatedIndices). */
export function relatedArticles(articles: readonly Article[]): Map<string, Article[]> {
  return byUrl(articles, relatedIndices(articles.map(relatedText)));
}

/**
 * What related-worker.ts is told: maybe first that the archive changed since the last build;
 * then texts read anew, by key, as the archive loads; then each article's key (its file's
 * hash); then the texts it asked for.
 */
export type RelatedRequest = { changed: true } | { read: [key: string, text: RelatedText][] } | { keys: string[] } | { texts: RelatedText[] };

/** What related-worker.ts posts: the indices of the texts it must count and was not given, if any (the rest it has counted before), then the related indices. */
export type RelatedReply = { missing: number[] } | { related: RelatedLists };

/**
 * Finds the related articles of an archive's newest-first list on the thread startRelatedArticles
 * started. `expectChange` tells the thread, before the list, that the archive changed since the
 * last build: it then reads its term counts while the archive loads, where otherwise it first
 * looks for the last build's answer, which holds for an archive that did not change. `read`
 * passes it an article read anew while the archive loads, whose text it may count meanwhile.
 */
export interface RelatedFinder {
  (articles: readonly Article[]): Promise<Map<string, Article[]>>;
  expectChange(): void;
  read(article: Article): void;
}

/** How many texts read anew go to the thread in one message: the main thread, busy loading the archive, then posts once per batch rather than once per article. */
const READ_BATCH = 64;

/**
 * relatedArticles on a thread of its own, with term counts kept in `cacheDir` between builds
 * (see related-counts.ts). The thread starts at once, so that a build starts it before it loads
 * the archive: it reads its cache once told that the archive changed, and counts the texts
 * read anew as they come; the finder returned then sends it the articles, and only the texts
 * it has not counted before. It takes seconds per 10,000 articles, during which the main
 * thread goes on feeding the search index. Until the finder is called, the thread does not
 * keep the process alive: a build that stops on content errors never calls it.
 */
export function startRelatedArticles(cacheDir: string): RelatedFinder {
  const worker = startWorker("site/archive/related-worker.ts", { workerData: cacheDir });
  worker.unref();
  const stopped = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the related-articles worker stopped (exit code ${code}) before it answered`)));
  });
  stopped.catch(() => undefined);
  const ask = (request: RelatedRequest) => worker.postMessage(request);
  // Asked again for the same list, it gives the same answer: `khotin build` asks as soon as the archive is loaded, and the site's configuration asks again.
  let asked: { articles: readonly Article[]; answer: Promise<Map<string, Article[]>> } | undefined;
  let changeTold = false;
  const expectChange = () => {
    if (changeTold || asked) return;
    changeTold = true;
    ask({ changed: true });
  };
  // Texts read anew and not sent yet, and the keys of those sent.
  let unsent: [string, RelatedText][] = [];
  const sent = new Set<string>();
  const send = () => {
    if (unsent.length > 0) ask({ read: unsent });
    unsent = [];
  };
  const read = (article: Article) => {
    if (asked || sent.has(article.hash)) return;
    expectChange();
    sent.add(article.hash);
    unsent.push([article.hash, relatedText(article)]);
    if (unsent.length === READ_BATCH) send();
  };
  const find = (articles: readonly Article[]) => {
    if (asked?.articles === articles) return asked.answer;
    worker.ref();
    const answered = new Promise<Map<string, Article[]>>((resolve) => {
      worker.on("message", (reply: RelatedReply) => {
        if ("related" in reply) return resolve(byUrl(articles, reply.related));
        ask({ texts: reply.missing.map((index) => relatedText(articles[index]!)) });
      });
    });
    // An article read anew has its body at hand, and its counts are likely new: sent before the keys, they spare the thread a wait for the main thread, which answers between long tasks.
    for (const article of articles) if (article.body !== undefined) read(article);
    send();
    ask({ keys: articles.map((article) => article.hash) });
    asked = { articles, answer: Promise.race([answered, stopped]) };
    return asked.answer;
  };
  return Object.assign(find, { expectChange, read });
}
