import { createHash } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { decode } from "cborg";
import { linkOrCopy } from "../site/site-output.ts";
import type { SearchRecord } from "./records.ts";

/*
 * Pagefind keeps each result's text in a fragment file named by a hash of its bytes, and
 * leaves a file of that name alone when it is already there: it neither compresses it (gzip at
 * its highest level) nor writes it. That is about half of Pagefind's time: the Pagefind CLI
 * took 15.7 s over the 10,000 bench's pages, and 8.0 s when its files were there already. So
 * when a shard is indexed again, the fragments of its last index whose records did not change
 * are linked in first, and Pagefind writes only the others.
 */

/** The fragment Pagefind made for each record of a shard, in the order the records were sent, and each record's digest. */
export interface ShardFragments {
  names: string[];
  digests: string[];
}

/** A shard's last index, as a cache keeps it: its folder, and its fragments. */
export interface EarlierIndex {
  dir: string;
  fragments: ShardFragments;
}

/** The digest of a search record: records with the same digest get the same fragment from Pagefind. */
export function recordDigest(record: SearchRecord): string {
  return createHash("sha256").update(JSON.stringify(record)).digest("base64url");
}

const fragmentFile = (shardDir: string, name: string) => path.join(shardDir, "fragment", `${name}.pf_fragment`);

/**
 * Links into `shardDir` the fragments of an earlier index that were made from records in
 * `digests`. Returns, for each fragment linked, the digest of the record it was made from.
 */
export async function linkEarlierFragments(earlier: EarlierIndex, digests: readonly string[], shardDir: string): Promise<Map<string, string>> {
  const wanted = new Set(digests);
  const linked = new Map<string, string>();
  earlier.fragments.names.forEach((name, at) => {
    const digest = earlier.fragments.digests[at]!;
    if (wanted.has(digest)) linked.set(name, digest);
  });
  await mkdir(path.join(shardDir, "fragment"), { recursive: true });
  await Promise.all([...linked.keys()].map((name) => linkOrCopy(fragmentFile(earlier.dir, name), fragmentFile(shardDir, name))));
  return linked;
}

/** What Pagefind's compressed index files start with, before their CBOR. */
const PAGEFIND_MARK = "pagefind_dcd";

/** One page of Pagefind's meta file: its fragment's name first. */
type MetaPage = [string, ...unknown[]];

const isMetaPages = (pages: unknown): pages is MetaPage[] => Array.isArray(pages) && pages.every((page) => Array.isArray(page) && typeof page[0] === "string");

/**
 * The fragment of each page of the index Pagefind wrote into `shardDir`, in page order, read
 * from its meta file: CBOR arrays of the version, the pages (fragment, word count, …), the index
 * chunks, the filters and the sort orders.
 */
export async function pageFragments(shardDir: string): Promise<string[]> {
  const entry = JSON.parse(await readFile(path.join(shardDir, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string }> };
  // One language: the index is built with `forceLanguage`.
  const metaFile = path.join(shardDir, `pagefind.${Object.values(entry.languages)[0]!.hash}.pf_meta`);
  const meta = await promisify(gunzip)(await readFile(metaFile));
  const unknownFormat = new Error(`${metaFile}: not a Pagefind meta file as khotin knows it: update fragments.ts for this version of Pagefind`);
  if (meta.toString("latin1", 0, PAGEFIND_MARK.length) !== PAGEFIND_MARK) throw unknownFormat;
  const [, pages] = decode(meta.subarray(PAGEFIND_MARK.length)) as unknown[];
  if (!isMetaPages(pages)) throw unknownFormat;
  return pages.map(([name]) => name);
}

/**
 * Once Pagefind has written a shard's index over linked fragments: removes the fragments it did
 * not use, and any that a page of another record took under the same name (Pagefind names a
 * fragment by a short hash, so two may clash). Returns the shard's fragments, and whether a
 * fragment the index needs was removed, so that Pagefind must write the index again.
 */
export async function settleFragments(shardDir: string, linked: ReadonlyMap<string, string>, digests: readonly string[]): Promise<{ fragments: ShardFragments; rewrite: boolean }> {
  const names = await pageFragments(shardDir);
  if (names.length !== digests.length) throw new Error(`${shardDir}: Pagefind indexed ${names.length} pages of ${digests.length} records`);
  const misplaced = new Set(names.filter((name, at) => linked.has(name) && linked.get(name) !== digests[at]));
  const used = new Set(names);
  const stale = [...linked.keys()].filter((name) => !used.has(name) || misplaced.has(name));
  await Promise.all(stale.map((name) => rm(fragmentFile(shardDir, name))));
  return { fragments: { names, digests: [...digests] }, rewrite: misplaced.size > 0 };
}
