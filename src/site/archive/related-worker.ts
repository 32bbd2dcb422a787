/** The thread that startRelatedArticles starts: finds the related articles of the keys it is sent (asking for the texts it lacks) from its cache, posts them, and keeps their term counts for the next build. */
import { on } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { keepAnswer, readAnswer } from "./related-answer.ts";
import type { RelatedReply, RelatedRequest } from "./related.ts";
import { relatedOfCounts } from "./related-scores.ts";
import { TermCountsCache } from "./related-counts.ts";

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
const { keys, read } = request as Extract<RelatedRequest, { keys: unknown }>;
const answered = await readAnswer(cacheDir, keys);
if (answered) post({ related: answered });
else {
  const cache = await counts();
  const texts = new Map(read);
  const missing = cache.missing(keys);
  const asked = missing.filter((index) => !texts.has(index));
  if (asked.length > 0) {
    post({ missing: asked });
    const sent = ((await told()) as Extract<RelatedRequest, { texts: unknown }>).texts;
    asked.forEach((index, at) => texts.set(index, sent[at]!));
  }
  const { related, signatures } = relatedOfCounts(cache.count(keys, new Map(missing.map((index) => [index, texts.get(index)!]))), cache.terms);
  post({ related });
  // The build has its answer: a cache that cannot be written only makes the next build count again.
  await Promise.all([cache.save(signatures), keepAnswer(cacheDir, keys, related)]).catch((error: unknown) =>
    console.warn(`warning: related articles and their term counts were not kept for the next build: ${String(error)} [cache/related]`),
  );
}
// Done with requests: the thread may end once its cache is written.
await requests.return?.();
