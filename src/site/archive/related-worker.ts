/** The thread that startRelatedArticles starts: reads its cache, then finds the related articles of the keys it is sent, posts them, and keeps their term counts for the next build. */
import { once } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { relatedOfCounts, type RelatedReply, type RelatedRequest } from "./related.ts";
import { TermCountsCache } from "./related-counts.ts";

const port = parentPort!;
const post = (reply: RelatedReply) => port.postMessage(reply);
const told = async () => ((await once(port, "message")) as [RelatedRequest])[0];

const cache = await TermCountsCache.open(workerData as string);
const { keys } = (await told()) as Extract<RelatedRequest, { keys: unknown }>;
const missing = cache.missing(keys);
post({ missing });
const { texts } = (await told()) as Extract<RelatedRequest, { texts: unknown }>;
post({ related: relatedOfCounts(cache.count(keys, new Map(missing.map((index, at) => [index, texts[at]!]))), cache.terms) });
// The build has its answer: a cache that cannot be written only makes the next build count again.
await cache.save().catch((error: unknown) => console.warn(`warning: the term counts of related articles were not kept: ${String(error)} [cache/related]`));
