import { createHash } from "node:crypto";
import { mkdirSync, readdirSync } from "node:fs";
import { readFile, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomically } from "../files.ts";
import { linkOrCopy } from "../site/site-output.ts";
import type { EarlierIndex, ShardFragments } from "./fragments.ts";
import type { SearchShard } from "./shards.ts";

/** What a shard's index is made from: each article's file hash and URL. */
export interface IndexedArticle {
  url: string;
  date: Date;
  hash: string;
}

/** An article as a shard's index knows it: its file's hash and its URL, which make its search record for a given khotin. */
export type ShardArticleKey = `${string} ${string}`;

/** The key of an article of a shard. */
export const shardArticleKey = (article: IndexedArticle): ShardArticleKey => `${article.hash} ${article.url}`;

/**
 * Links every file of a folder into another, making its folders: the copy shares the files'
 * bytes. Synchronous, as linkOrCopy is: a shard holds thousands of files.
 * Returns the files, `/`-separated, relative to the folders.
 */
function linkTree(from: string, to: string): string[] {
  mkdirSync(to, { recursive: true });
  return readdirSync(from, { withFileTypes: true }).flatMap((entry) => {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) return linkTree(source, target).map((file) => `${entry.name}/${file}`);
    linkOrCopy(source, target);
    return [entry.name];
  });
}

/** How the file beside a cached shard's folder that lists its fragments ends. */
const FRAGMENTS_LIST = ".fragments.json";

/** That file: the fragments of the shard, and the khotin that made them, since its search records and Pagefind's bytes change with it. */
interface FragmentsList {
  version: string;
  fragments: ShardFragments;
}

/**
 * Finished shard indexes kept between builds, by fingerprint: a shard whose articles did not
 * change (the same files at the same URLs, for the same khotin) is placed in the site from here
 * instead of being indexed again. Pagefind takes most of a build that renders few pages, so adding
 * one article re-indexes the one shard that takes it, and that from the fragments of its last index
 * (see fragments.ts), which a file beside each shard's folder lists: `<fingerprint>.<id>.fragments.json`.
 */
export class ShardCache {
  private readonly used = new Set<string>();

  /** `version` stands for everything else a search record depends on: khotin's code and packages. */
  constructor(
    private readonly dir: string,
    private readonly version: string,
  ) {}

  /**
   * The fingerprint of a shard: its articles' file hashes and URLs, in order. Not its id, which
   * Pagefind's files do not hold: a shard renamed when a small one joins it is placed, not indexed.
   */
  fingerprint(shard: SearchShard<IndexedArticle>): string {
    const hash = createHash("sha256").update(this.version);
    for (const article of shard.articles) hash.update(`\n${shardArticleKey(article)}`);
    return hash.digest("hex");
  }

  private folderOf(fingerprint: string): string {
    return path.join(this.dir, fingerprint);
  }

  /** The folder of a cached shard, or undefined if the cache does not hold it. */
  async held(fingerprint: string): Promise<string | undefined> {
    this.used.add(fingerprint);
    return (await stat(this.folderOf(fingerprint)).catch(() => undefined)) && this.folderOf(fingerprint);
  }

  /** The last index this cache holds of the shard named `id`, made by the same khotin, or undefined. */
  async earlier(id: string): Promise<EarlierIndex | undefined> {
    const suffix = `.${id}${FRAGMENTS_LIST}`;
    const lists = (await readdir(this.dir).catch(() => [])).filter((entry) => entry.endsWith(suffix));
    // The newest first: a build of part of an archive does not prune, and may leave more than one.
    const dated = await Promise.all(lists.map(async (entry) => ({ entry, changed: (await stat(path.join(this.dir, entry))).mtimeMs })));
    for (const { entry } of dated.sort((a, b) => b.changed - a.changed)) {
      const list = JSON.parse(await readFile(path.join(this.dir, entry), "utf8")) as FragmentsList;
      const dir = this.folderOf(entry.slice(0, -suffix.length));
      if (list.version === this.version && (await stat(dir).catch(() => undefined))) return { dir, fragments: list.fragments };
    }
    return undefined;
  }

  /**
   * Keeps a finished shard, named `id` in the site, and the list of its fragments; the shard appears in the cache
   * whole or not at all. Returns its folder in the cache, and its files there.
   */
  async store(fingerprint: string, shardDir: string, id: string, fragments: ShardFragments): Promise<{ dir: string; files: string[] }> {
    this.used.add(fingerprint);
    const dir = this.folderOf(fingerprint);
    const partial = `${dir}.partial`;
    await rm(partial, { recursive: true, force: true });
    const files = linkTree(shardDir, partial);
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
    const list: FragmentsList = { version: this.version, fragments };
    writeFileAtomically(`${dir}.${id}${FRAGMENTS_LIST}`, JSON.stringify(list));
    return { dir, files };
  }

  /** Removes the shards this build did not use, and their lists (a build of part of an archive uses only its own: it must not prune). */
  async prune(): Promise<void> {
    const entries = await readdir(this.dir).catch(() => []);
    const kept = (entry: string) => this.used.has(entry) || (entry.endsWith(FRAGMENTS_LIST) && this.used.has(entry.slice(0, entry.indexOf("."))));
    for (const entry of entries) if (!kept(entry)) await rm(path.join(this.dir, entry), { recursive: true, force: true });
  }
}
