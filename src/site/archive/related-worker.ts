/** The thread that relatedArticlesApart starts: finds the related texts of its workerData, posts their indices, then keeps their term counts for the next build. */
import { parentPort, workerData } from "node:worker_threads";
import { relatedOfCounts, type RelatedWork } from "./related.ts";
import { TermCountsCache } from "./related-counts.ts";

const { texts, cacheDir } = workerData as RelatedWork;
const cache = await TermCountsCache.open(cacheDir);
parentPort!.postMessage(relatedOfCounts(cache.count(texts), cache.terms));
// The build has its answer: a cache that cannot be written only makes the next build count again.
await cache.save().catch((error: unknown) => console.warn(`warning: the term counts of related articles were not kept: ${String(error)} [cache/related]`));
