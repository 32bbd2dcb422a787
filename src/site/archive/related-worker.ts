/** The thread that relatedArticlesApart starts: finds the related articles of its workerData's keys, posts them, then keeps their term counts for the next build. */
import { once } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import type { RelatedText } from "./related-terms.ts";
import { relatedOfCounts, type RelatedReply, type RelatedWork } from "./related.ts";
import { TermCountsCache } from "./related-counts.ts";

const port = parentPort!;
const post = (reply: RelatedReply) => port.postMessage(reply);
const { keys, cacheDir } = workerData as RelatedWork;
const cache = await TermCountsCache.open(cacheDir);
const missing = cache.missing(keys);
post({ missing });
const [texts] = (await once(port, "message")) as [RelatedText[]];
post({ related: relatedOfCounts(cache.count(keys, new Map(missing.map((index, at) => [index, texts[at]!]))), cache.terms) });
// The build has its answer: a cache that cannot be written only makes the next build count again.
await cache.save().catch((error: unknown) => console.warn(`warning: the term counts of related articles were not kept: ${String(error)} [cache/related]`));
