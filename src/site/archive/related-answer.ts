import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { readBytes, writeFileAtomically } from "../../files.ts";
import { sourcePath } from "../../project.ts";
import { hashFiles, versionOf } from "../page-cache.ts";
import type { RelatedLists } from "./related-scores.ts";

/**
 * The related articles the last build found, kept with the keys they were found for. They
 * depend on nothing but the articles' texts in their order, so a build whose articles did not
 * change (a new layout, a new stylesheet) takes them as they are: finding them again from
 * every article's term counts took 7 s at 100,000 articles.
 */

/** What an answer file holds. */
interface AnswerFile {
  version: string;
  keys: string;
  related: RelatedLists;
}

/** Where the answer is kept in khotin's cache folder. */
const answerFileOf = (cacheDir: string) => path.join(cacheDir, "related", "answer.v8");

/** What an answer depends on besides the keys: how terms are counted and weighed, and Node. */
function answerVersion(): string {
  const code = hashFiles(["related-terms.ts", "related-scores.ts"].map((file) => sourcePath(`site/archive/${file}`)));
  return versionOf({ code, node: process.version });
}

/** One digest of every key, in order. */
const keysDigest = (keys: readonly string[]) => createHash("sha256").update(keys.join("\n")).digest("hex");

/** The related indices the last build found for exactly these keys, in this order, or nothing. */
export async function readAnswer(cacheDir: string, keys: readonly string[]): Promise<RelatedLists | undefined> {
  try {
    const answer = deserialize(await readBytes(answerFileOf(cacheDir))) as Partial<AnswerFile> | null;
    return answer?.version === answerVersion() && answer.keys === keysDigest(keys) ? answer.related : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the related indices found for some keys, for the next build. */
export async function keepAnswer(cacheDir: string, keys: readonly string[], related: RelatedLists): Promise<void> {
  await mkdir(path.dirname(answerFileOf(cacheDir)), { recursive: true });
  writeFileAtomically(answerFileOf(cacheDir), serialize({ version: answerVersion(), keys: keysDigest(keys), related } satisfies AnswerFile));
}
