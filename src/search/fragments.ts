import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { decode } from "cborg";
import { linkOrCopy } from "../site/site-output.ts";
import type { ShardArticleKey } from "./shard-cache.ts";

/*
 * Pagefind keeps each result's text in a fragment file named by a hash of its bytes, and
 * leaves a file of that name alone when it is already there: it neither compresses it (gzip at
 * its highest level) nor writes it. That is about half of Pagefind's time: the Pagefind CLI
 * took 15.7 s over the 10,000 bench's pages, and 8.0 s when its files were there already. So
 * when a shard is indexed again, the fragments of its last index whose articles did not change
 * are linked in first, and Pagefind writes only the others. An article is known, as in a shard's
 * fingerprint, by its file's hash and its URL, which make its search record for a given khotin.
 */

/** The fragment Pagefind made for each article of a shard, in the order their records were sent, and each article's key. */
export interface ShardFragments {
  names: string[];
  keys: ShardArticleKey[];
}

/** A shard's last index, as a cache keeps it: its folder, and its fragments. */
export interface EarlierIndex {
  dir: string;
  fragments: ShardFragments;
}

const fragmentFile = (shardDir: string, name: string) => path.join(shardDir, "fragment", `${name}.pf_fragment`);

/**
 * Links into `shardDir` the fragments of an earlier index that were made for articles in
 * `keys`. Returns, for each fragment linked, the key of the article it was made for.
 */
export async function linkEarlierFragments(earlier: EarlierIndex, keys: readonly ShardArticleKey[], shardDir: string): Promise<Map<string, ShardArticleKey>> {
  const wanted = new Set(keys);
  const linked = new Map<string, ShardArticleKey>();
  earlier.fragments.names.forEach((name, at) => {
    const key = earlier.fragments.keys[at]!;
    if (wanted.has(key)) linked.set(name, key);
  });
  await mkdir(path.join(shardDir, "fragment"), { recursive: true });
  for (const name of linked.keys()) linkOrCopy(fragmentFile(earlier.dir, name), fragmentFile(shardDir, name));
  return linked;
}

/** What Pagefind's compressed index files start with, before their CBOR. */
const PAGEFIND_MARK = "pagefind_dcd";

/** One page of Pagefind's meta file: its fragment's name first. */
type MetaPage = [string, ...unknown[]];

const isMetaPages = (pages: unknown): pages is MetaPage[] => Array.isArray(pages) && pages.every((page) => Array.isArray(page) && typeof page[0] === "string");

/** The hash that names the meta file of the Pagefind index in `shardDir`, from its entry file. */
export async function shardMetaHash(shardDir: string): Promise<string> {
  const entry = JSON.parse(await readFile(path.join(shardDir, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string }> };
  // One language: the index is built with `forceLanguage`.
  return Object.values(entry.languages)[0]!.hash;
}

/**
 * The fragment of each page of the index Pagefind wrote into `shardDir`, in page order, read
 * from its meta file: CBOR arrays of the version, the pages (fragment, word count, …), the index
 * chunks, the filters and the sort orders.
 */
export async function pageFragments(shardDir: string): Promise<string[]> {
  const metaFile = path.join(shardDir, `pagefind.${await shardMetaHash(shardDir)}.pf_meta`);
  const meta = await promisify(gunzip)(await readFile(metaFile));
  const unknownFormat = new Error(`${metaFile}: not a Pagefind meta file as khotin knows it: update fragments.ts for this version of Pagefind`);
  if (meta.toString("latin1", 0, PAGEFIND_MARK.length) !== PAGEFIND_MARK) throw unknownFormat;
  const [, pages] = decode(meta.subarray(PAGEFIND_MARK.length)) as unknown[];
  if (!isMetaPages(pages)) throw unknownFormat;
  return pages.map(([name]) => name);
}

/**
 * Once Pagefind has written a shard's index over linked fragments: removes the fragments it did
 * not use, and any that the page of another article took under the same name (Pagefind names a
 * fragment by a short hash, so two may clash). Returns the shard's fragments, and whether a
 * fragment the index needs was removed, so that Pagefind must write the index again.
 */
export async function settleFragments(shardDir: string, linked: ReadonlyMap<string, ShardArticleKey>, keys: readonly ShardArticleKey[]): Promise<{ fragments: ShardFragments; rewrite: boolean }> {
  const names = await pageFragments(shardDir);
  if (names.length !== keys.length) throw new Error(`${shardDir}: Pagefind indexed ${names.length} pages of ${keys.length} records`);
  const misplaced = new Set(names.filter((name, at) => linked.has(name) && linked.get(name) !== keys[at]));
  const used = new Set(names);
  const stale = [...linked.keys()].filter((name) => !used.has(name) || misplaced.has(name));
  await Promise.all(stale.map((name) => rm(fragmentFile(shardDir, name))));
  return { fragments: { names, keys: [...keys] }, rewrite: misplaced.size > 0 };
}
