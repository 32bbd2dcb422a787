import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { importArticles, type ImportOptions } from "../src/import/importer.ts";

const fixtures = path.join(import.meta.dirname, "fixtures", "import");
const tempDir = () => mkdtempSync(path.join(tmpdir(), "khotin-import-"));

/** Imports one raw file into a new folder and returns the outcome and the Markdown written, if any. */
async function importOne(input: string, options: Partial<ImportOptions> = {}) {
  const out = tempDir();
  const [outcome] = await importArticles({ inputs: [input], out, force: false, ...options });
  const markdown = outcome?.output ? readFileSync(path.join(out, outcome.output), "utf8") : undefined;
  return { outcome: outcome!, markdown, out };
}

/**
 * One folder per case: the one raw file under `raw/` (at the path its layout needs, such as
 * `raw/Phap luat/PL_NLD_ (12).txt`), with `options.json` for import options, must import to
 * `expected.md`, or be skipped with the reason in `expected-skip.txt`.
 * UPDATE_FIXTURES=1 rewrites the expected files after a deliberate change.
 */
describe("import fixtures", () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const folder = path.join(fixtures, name);
      const optionsFile = path.join(folder, "options.json");
      const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, "utf8")) as Partial<ImportOptions>) : {};
      const { outcome, markdown } = await importOne(path.join(folder, "raw"), options);
      const actual = markdown ?? `${outcome.status}: ${outcome.reason}\n`;
      const expectedFile = path.join(folder, markdown ? "expected.md" : "expected-skip.txt");
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, actual);
      assert.equal(actual, readFileSync(expectedFile, "utf8"));
    });
  }
});

/** A short raw article in the aggregator layout, written for these tests. */
const RAW = "Tin thử nghiệm\n  Hà Nam\n  2 liên quanGốcHà Nam\n  Ngày 2/1/2022, một tin thử nghiệm.\n  Minh Anh\n  Nguồn Hà Nam: https://baohanam.com.vn/xa-hoi/tin-1.html\n";

describe("importArticles", () => {
  it("decodes UTF-16 with a BOM, and without one", async () => {
    const dir = tempDir();
    const utf16le = Buffer.from(RAW, "utf16le");
    writeFileSync(path.join(dir, "bom.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]));
    writeFileSync(path.join(dir, "no-bom.txt"), utf16le);
    const out = tempDir();
    const outcomes = await importArticles({ inputs: [dir], out, force: false });
    assert.deepEqual(outcomes.map((outcome) => [outcome.status, outcome.output]), [
      ["written", "2022/01/tin-thu-nghiem.md"],
      ["written", "2022/01/tin-thu-nghiem-2.md"],
    ]);
    assert.match(readFileSync(path.join(out, "2022/01/tin-thu-nghiem.md"), "utf8"), /^title: Tin thử nghiệm$/m);
  });

  it("reports a binary file and bytes that are not text, and goes on", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.txt"), RAW);
    writeFileSync(path.join(dir, "image.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 0, 0, 1]));
    writeFileSync(path.join(dir, "latin1.txt"), Buffer.from("Tin th\xe9\n  H\xe0 Nam\n", "latin1"));
    const outcomes = await importArticles({ inputs: [dir], out: tempDir(), force: false });
    assert.deepEqual(
      outcomes.map((outcome) => [path.basename(outcome.from), outcome.status, outcome.reason]),
      [
        ["a.txt", "written", undefined],
        ["image.jpg", "skipped", "the file is binary, not text: only Markdown text files belong in content/ (line 1)"],
        ["latin1.txt", "skipped", "the file is not valid UTF-8 (it may be Latin-1 or Windows-1258): convert it to UTF-8, e.g. with iconv -f WINDOWS-1258 -t UTF-8 (line 1)"],
      ],
    );
  });

  it("gives the same bytes for the same input, and leaves unchanged files alone on a second run", async () => {
    const out = tempDir();
    const input = path.join(fixtures, "aggregator-basic", "raw", "input.txt");
    const first = await importArticles({ inputs: [input], out, force: false });
    const written = readFileSync(path.join(out, first[0]!.output!), "utf8");
    const second = await importArticles({ inputs: [input], out, force: false });
    assert.equal(second[0]?.status, "unchanged");
    assert.equal(readFileSync(path.join(out, second[0]!.output!), "utf8"), written);
    assert.equal((await importOne(input)).markdown, written);
  });

  it("never overwrites a file an editor changed, unless forced", async () => {
    const out = tempDir();
    const input = path.join(fixtures, "aggregator-basic", "raw", "input.txt");
    const [first] = await importArticles({ inputs: [input], out, force: false });
    const file = path.join(out, first!.output!);
    writeFileSync(file, readFileSync(file, "utf8").replace("Cầu mới dài 420 m", "Cầu mới dài 430 m"));
    const [kept] = await importArticles({ inputs: [input], out, force: false });
    assert.equal(kept?.status, "kept");
    assert.match(readFileSync(file, "utf8"), /430 m/);
    const [forced] = await importArticles({ inputs: [input], out, force: true });
    assert.equal(forced?.status, "overwritten");
    assert.match(readFileSync(file, "utf8"), /420 m/);
  });

  it("numbers colliding slugs -2, -3 in the order of the raw files' paths, and keeps the numbering on re-import", async () => {
    const dir = tempDir();
    for (const name of ["c.txt", "a.txt", "b.txt"]) writeFileSync(path.join(dir, name), RAW.replace("một tin", `tin ${name}`));
    const out = tempDir();
    const outputs = async () => (await importArticles({ inputs: [dir], out, force: false })).map((outcome) => [path.basename(outcome.from), outcome.status, outcome.output]);
    assert.deepEqual(await outputs(), [
      ["a.txt", "written", "2022/01/tin-thu-nghiem.md"],
      ["b.txt", "written", "2022/01/tin-thu-nghiem-2.md"],
      ["c.txt", "written", "2022/01/tin-thu-nghiem-3.md"],
    ]);
    assert.deepEqual((await outputs()).map(([, status]) => status), ["unchanged", "unchanged", "unchanged"]);
  });
});

describe("the sample article", () => {
  const sample = path.resolve(import.meta.dirname, "../../shared/sample");
  it("imports to exactly the article content/ ships", { skip: existsSync(sample) ? false : `no sample at ${sample}` }, async () => {
    const out = tempDir();
    const [outcome] = await importArticles({ inputs: [sample], out, force: false });
    const shipped = path.join(import.meta.dirname, "..", "content", outcome!.output!);
    assert.equal(readFileSync(path.join(out, outcome!.output!), "utf8"), readFileSync(shipped, "utf8"));
  });

  it("can be read as another layout with --format", async () => {
    const { outcome, markdown } = await importOne(path.join(fixtures, "aggregator-basic", "raw"), { format: "plain", dateFallback: "2023-01-01" });
    assert.equal(outcome.format, "plain");
    assert.match(markdown!, /^Tuyên Quang$/m, "the plain reader keeps the source line as text");
  });
});
