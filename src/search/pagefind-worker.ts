/** The thread that PagefindThread starts: it makes the calls it is posted on Pagefind services of its own (the search records too), and posts their answers. */
import { readFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import * as pagefind from "pagefind";
import { allocateForPagefind, type PagefindAnswer, type PagefindCall } from "./pagefind-thread.ts";
import { searchRecord, type RecordSource, type SearchRecord } from "./records.ts";

const port = parentPort!;

allocateForPagefind();

/**
 * The `pagefind` package runs one indexing process per copy of the module, so a second copy
 * (imported under another URL) gives a second process: one per slot, imported on first use.
 */
const services = new Map<number, Promise<typeof pagefind>>();
const serviceOf = (slot: number) => {
  let service = services.get(slot);
  if (!service) {
    service = slot === 0 ? Promise.resolve(pagefind) : import(`${import.meta.resolve("pagefind")}?service=${slot}`);
    services.set(slot, service);
  }
  return service;
};

/** The index each slot's service is building. */
const indexes = new Map<number, pagefind.PagefindIndex>();

/**
 * The search record of a source. A body in the render cache is read synchronously: a batch's
 * records are then made and sent in order in one go, and the files are small.
 */
function recordOf({ article, body }: RecordSource): SearchRecord {
  if ("html" in body) return searchRecord(article, body.html);
  try {
    return searchRecord(article, readFileSync(body.file, "utf8"));
  } catch (error) {
    throw new Error(`the rendered body of ${article.url} left the render cache (${body.file}) while the build ran: build again`, { cause: error });
  }
}

/** Makes one call, and gives Pagefind's errors. */
async function make(message: PagefindCall): Promise<string[]> {
  const service = await serviceOf(message.slot);
  const index = () => indexes.get(message.slot) ?? Promise.reject(new Error(`no index is open on Pagefind service ${message.slot}`));
  switch (message.call) {
    case "createIndex": {
      const { index: created, errors } = await service.createIndex(message.config);
      if (!created) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
      indexes.set(message.slot, created);
      return errors;
    }
    case "addRecords": {
      const open = await index();
      const records = message.sources.map(recordOf);
      const added = await Promise.all(records.map((record) => open.addCustomRecord(record)));
      return added.flatMap(({ errors }, at) => errors.map((error) => `${records[at]!.url}: ${error}`));
    }
    case "writeFiles":
      return (await (await index()).writeFiles(message.options)).errors;
    case "close":
      indexes.delete(message.slot);
      await service.close();
      return [];
  }
}

port.on("message", (message: PagefindCall) => {
  make(message).then(
    (errors) => port.postMessage({ id: message.id, errors } satisfies PagefindAnswer),
    (error: unknown) => port.postMessage({ id: message.id, thrown: error instanceof Error ? error.message : String(error) } satisfies PagefindAnswer),
  );
});
