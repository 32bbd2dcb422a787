/** The thread that startRelatedArticles starts: reads its cache, then finds the related articles of the keys it is sent, posts them, and keeps their term counts for the next build. */
import { once } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { keepAnswer, readAnswer } from "./related-answer.ts";
import { relatedOfCounts, type RelatedReply, type RelatedRequest } from "./related.ts";
import { TermCountsCache } from "./related-counts.ts";

const port = parentPort!;
const post = (reply: RelatedReply) => port.postMessage(reply);
const told = async () => ((await once(port, "message")) as [RelatedRequest])[0];
const cacheDir = workerData as string;

const cache = await TermCountsCache.open(cacheDir);
const { keys } = (await told()) as Extract<RelatedRequest, { keys: unknown }>;
const answered = await readAnswer(cacheDir, keys);
if (answered) post({ related: answered });
else {
  const missing = cache.missing(keys);
  post({ missing });
  const { texts } = (await told()) as Extract<RelatedRequest, { texts: unknown }>;
  const related = relatedOfCounts(cache.count(keys, new Map(missing.map((index, at) => [index, texts[at]!]))), cache.terms);
  post({ related });
  // The build has its answer: a cache that cannot be written only makes the next build count again.
  await Promise.all([cache.save(), keepAnswer(cacheDir, keys, related)]).catch((error: unknown) =>
    console.warn(`warning: related articles and their term counts were not kept for the next build: ${String(error)} [cache/related]`),
  );
}
