import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { docsUrl } from "../src/content/diagnostics.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

/** The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces as hyphens. */
const headingAnchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");

/** Every place in the README a link can lead to: its headings and its `id="…"` anchors. */
const anchors = new Set([...[...readme.matchAll(/^#+ (.+)$/gm)].map((match) => headingAnchor(match[1]!)), ...[...readme.matchAll(/id="([^"]+)"/g)].map((match) => match[1]!)]);

/** Every rule id that khotin's source reports, such as `schema/unknown-key`. */
function reportedRuleIds(): string[] {
  const sources = readdirSync(path.join(repoRoot, "src"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
  const ids = sources.flatMap((file) => [...readFileSync(path.join(repoRoot, "src", file), "utf8").matchAll(/report\([^;]*?"((?:content|front-matter|yaml|schema|url)\/[a-z-]+)"/g)].map((match) => match[1]!));
  return [...new Set(ids)].sort();
}

describe("README", () => {
  it("has the sections every user needs: the two commands, the CLI, the front-matter reference, the site, search, importing and deploying", () => {
    for (const section of ["two-commands", "cli", "content-errors", "front-matter", "urls", "the-body", "the-site", "search", "shards", "importing-raw-articles", "build-caches", "performance", "deploy"]) {
      assert.ok(anchors.has(section), `the README has a section #${section}`);
    }
  });

  it("leads every link to one of its own sections somewhere", () => {
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!);
    assert.ok(links.length > 0);
    assert.deepEqual(
      links.filter((link) => !anchors.has(link)),
      [],
    );
  });

  it("explains the family of every rule a message names, where the message's link leads", () => {
    const ids = reportedRuleIds();
    assert.ok(ids.includes("schema/unknown-key") && ids.includes("url/removed"), `found the rule ids in src/: ${ids.join(", ")}`);
    for (const id of ids) {
      const anchor = docsUrl(id).split("#")[1]!;
      assert.ok(anchors.has(anchor), `${id} links to README.md#${anchor}, which exists`);
    }
  });
});
