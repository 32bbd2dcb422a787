import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loadArchive } from "../src/content/archive.ts";
import { formatMessage } from "../src/content/diagnostics.ts";

const fixtures = path.join(import.meta.dirname, "fixtures", "content-errors");

/**
 * One folder per case: `input.md` must produce exactly the messages in `expected.txt`, one per
 * line, in compiler style. UPDATE_FIXTURES=1 rewrites the expected files after a deliberate change.
 */
describe("content errors", () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const folder = path.join(fixtures, name);
      const archive = await loadArchive(folder, folder);
      const actual = archive.messages.map(formatMessage).join("\n") + "\n";
      const expectedFile = path.join(folder, "expected.txt");
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, actual);
      assert.equal(actual, readFileSync(expectedFile, "utf8"));
      const hasError = archive.messages.some((message) => message.fatal);
      assert.equal(archive.articles.length, hasError ? 0 : 1, "an article with errors is never published; one with warnings only is");
    });
  }
});
