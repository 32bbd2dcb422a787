/** The thread that startRelatedArticles starts: reads its cache, then finds the related articles of the keys it is sent (asking for the texts it lacks), posts them, and keeps their term counts for the next build. */
import { once } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { keepAnswer, readAnswer } from "./related-answer.ts";
import type { RelatedReply, RelatedRequest } from "./related.ts";
import { relatedOfCounts } from "./related-scores.ts";
import { TermCountsCache } from "./related-counts.ts";

const port = parentPort!;
const post = (reply: RelatedReply) => port.postMessage(reply);
const told = async () => ((await once(port, "message")) as [RelatedRequest])[0];
const cacheDir = workerData as string;

const cache = await TermCountsCache.open(cacheDir);
const { keys, read } = (await told()) as Extract<RelatedRequest, { keys: unknown }>;
const answered = await readAnswer(cacheDir, keys);
if (answered) post({ related: answered });
else {
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
