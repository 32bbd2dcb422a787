/** The thread that relatedArticlesApart starts: finds the related texts of its workerData and posts their indices. */
import { parentPort, workerData } from "node:worker_threads";
import { relatedIndices, type RelatedText } from "./related.ts";

parentPort!.postMessage(relatedIndices(workerData as RelatedText[]));
