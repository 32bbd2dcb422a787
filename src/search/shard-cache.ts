import { createHash } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { linkOrCopy } from "../site/site-output.ts";
import type { SearchShard } from "./shards.ts";

/** What a shard's index is made from: each article's file hash and URL. */
export interface IndexedArticle {
  url: string;
  date: Date;
  hash: string;
}

/**
 * Links every file of a folder into another, making its folders: the copy shares the files'
 * bytes. A folder's entries are linked together, on libuv's threads: a shard holds thousands.
 * Returns the files, `/`-separated, relative to the folders.
 */
async function linkTree(from: string, to: string): Promise<string[]> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  const linked = await Promise.all(
    entries.map(async (entry) => {
      const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
      if (entry.isDirectory()) return (await linkTree(source, target)).map((file) => `${entry.name}/${file}`);
      await linkOrCopy(source, target);
      return [entry.name];
    }),
  );
  return linked.flat();
}

/**
 * Finished shard indexes kept between builds, by fingerprint: a shard whose articles did not
 * change (the same files at the same URLs, for the same khotin) is placed in the site from here
 * instead of being indexed again. Pagefind takes most of a build that renders few pages, so adding
 * one article re-indexes the one shard that takes it.
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
    for (const article of shard.articles) hash.update(`\n${article.hash} ${article.url}`);
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

  /** Keeps a finished shard; it appears in the cache whole or not at all. Returns its folder in the cache, and its files there. */
  async store(fingerprint: string, shardDir: string): Promise<{ dir: string; files: string[] }> {
    this.used.add(fingerprint);
    const dir = this.folderOf(fingerprint);
    const partial = `${dir}.partial`;
    await rm(partial, { recursive: true, force: true });
    const files = await linkTree(shardDir, partial);
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
    return { dir, files };
  }

  /** Removes the shards this build did not use (a build of part of an archive uses only its own: it must not prune). */
  async prune(): Promise<void> {
    const entries = await readdir(this.dir).catch(() => []);
    for (const entry of entries) if (!this.used.has(entry)) await rm(path.join(this.dir, entry), { recursive: true, force: true });
  }
}
