/** The thread that startRelatedArticles starts: counts the texts it is sent as the archive loads, finds the related articles of the keys it is then sent (asking for the texts it lacks) from its cache, posts them, and keeps their term counts for the next build. */
import { on } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { keepAnswer, readAnswer } from "./related-answer.ts";
import type { RelatedReply, RelatedRequest } from "./related.ts";
import { relatedOfCounts } from "./related-scores.ts";
import { TermCountsCache } from "./related-counts.ts";
import type { RelatedText, TermCounts } from "./related-terms.ts";

const port = parentPort!;
const post = (reply: RelatedReply) => port.postMessage(reply);
const cacheDir = workerData as string;

// Requests queued as they come, taken in order: the news that the archive changed can come just before its keys.
const requests = on(port, "message");
const told = async () => ((await requests.next()).value as [RelatedRequest])[0];

// Read once the archive is known to have changed: a build with nothing changed takes the last answer, and reading
// the counts of 91,759 articles (335 MB) took 1.3 s of system time, as each page of memory is touched for the first time.
let opened: Promise<TermCountsCache> | undefined;
const counts = () => (opened ??= TermCountsCache.open(cacheDir));
let request = await told();
if ("changed" in request) {
  counts().catch(() => undefined);
  request = await told();
}
// Texts read anew, by key, sent as the archive loads: counted as they come where the cache allows it, kept otherwise.
const counted = new Map<string, TermCounts>();
const early = new Map<string, RelatedText>();
while ("read" in request) {
  const cache = await counts();
  for (const [key, text] of request.read) {
    const termCounts = cache.countNow(text);
    if (termCounts) counted.set(key, termCounts);
    else early.set(key, text);
  }
  request = await told();
}
const { keys } = request as Extract<RelatedRequest, { keys: unknown }>;
const answered = await readAnswer(cacheDir, keys);
if (answered) post({ related: answered });
else {
  const cache = await counts();
  const missing = cache.missing(keys).filter((index) => !counted.has(keys[index]!));
  const texts = new Map(missing.flatMap((index): [number, RelatedText][] => (early.has(keys[index]!) ? [[index, early.get(keys[index]!)!]] : [])));
  const asked = missing.filter((index) => !texts.has(index));
  if (asked.length > 0) {
    post({ missing: asked });
    const sent = ((await told()) as Extract<RelatedRequest, { texts: unknown }>).texts;
    asked.forEach((index, at) => texts.set(index, sent[at]!));
  }
  const { related, signatures } = relatedOfCounts(cache.count(keys, texts, counted), cache.terms);
  post({ related });
  // The build has its answer: a cache that cannot be written only makes the next build count again.
  await Promise.all([cache.save(signatures), keepAnswer(cacheDir, keys, related)]).catch((error: unknown) =>
    console.warn(`warning: related articles and their term counts were not kept for the next build: ${String(error)} [cache/related]`),
  );
}
// Done with requests: the thread may end once its cache is written.
await requests.return?.();
