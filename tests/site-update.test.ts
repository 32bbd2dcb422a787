import assert from "node:assert/strict";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { applyUpdate, finishInterruptedUpdate, foldersLeftAlone, planUpdate, readRecord, readSiteFolder, recordFileOf, stagingOf, writeRecord } from "../src/cli/site-update.ts";

/** Writes files (path → text) under a folder, making their folders. */
function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

/** A work folder (its staging folder holding `written`), a folder of cached files, and the site folder to update. */
function scene(written: Record<string, string>, cached: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), "khotin-update-"));
  const [output, work, cache] = [path.join(root, "_site"), path.join(root, "_site.khotin-tmp"), path.join(root, "cache")];
  writeFiles(stagingOf(work), written);
  writeFiles(cache, cached);
  const placed = new Map(Object.keys(cached).map((name) => [`pages/${name}`, path.join(cache, name)]));
  return { root, output, work, cache, placed };
}

const ino = (file: string) => statSync(file).ino;
const read = (file: string) => readFileSync(file, "utf8");

describe("updating the site folder from a build", () => {
  it("makes a new site from the work folder, with the cached files linked in, and lists every file with its size", async () => {
    const { output, work, cache, placed } = scene({ "index.html": "<p>x</p>", ".khotin/manifest.json": "[]\n" }, { "a.html": "<p>a</p>" });
    const update = await planUpdate(stagingOf(work), { placed }, await readSiteFolder(output));
    assert.equal(update.fresh, true);
    assert.deepEqual(update.files.map(({ path, bytes }) => ({ path, bytes })).sort((a, b) => a.path.localeCompare(b.path)), [
      { path: ".khotin/manifest.json", bytes: 3 },
      { path: "index.html", bytes: 8 },
      { path: "pages/a.html", bytes: 8 },
    ]);
    await applyUpdate(work, output, update);
    assert.equal(read(path.join(output, "index.html")), "<p>x</p>");
    assert.equal(ino(path.join(output, "pages/a.html")), ino(path.join(cache, "a.html")), "linked, not copied");
    assert.ok(!existsSync(work), "the work folder is removed");
  });

  it("writes only the files whose bytes changed, and removes the files (and folders) that left the site", async () => {
    const { output, work, cache, placed } = scene({ "index.html": "<p>new</p>", "same.html": "<p>same</p>" }, { "kept.html": "<p>k</p>", "added.html": "<p>+</p>" });
    writeFiles(output, { "index.html": "<p>old</p>", "same.html": "<p>same</p>", "gone/deep/index.html": "<p>gone</p>" });
    mkdirSync(path.join(output, "pages"));
    // The previous build placed this page from the cache: it is that file already.
    linkSync(path.join(cache, "kept.html"), path.join(output, "pages/kept.html"));
    const inodes = { same: ino(path.join(output, "same.html")), kept: ino(path.join(output, "pages/kept.html")) };

    const update = await planUpdate(stagingOf(work), { placed }, await readSiteFolder(output));
    assert.equal(update.fresh, false);
    assert.deepEqual(update.moved, ["index.html"]);
    assert.deepEqual(update.linked, [["pages/added.html", path.join(cache, "added.html")]]);
    assert.deepEqual(update.removed, ["gone/deep/index.html"]);
    await applyUpdate(work, output, update);

    assert.equal(read(path.join(output, "index.html")), "<p>new</p>");
    assert.equal(ino(path.join(output, "same.html")), inodes.same, "same bytes: the previous file stays");
    assert.equal(ino(path.join(output, "pages/kept.html")), inodes.kept);
    assert.equal(ino(path.join(output, "pages/added.html")), ino(path.join(cache, "added.html")));
    assert.ok(!existsSync(path.join(output, "gone")), "a folder left empty is removed");
    assert.ok(!existsSync(work));
  });

  it("keeps a file from the cache that has the previous file's bytes, even as another inode", async () => {
    const { output, work, placed } = scene({}, { "a.html": "<p>a</p>" });
    writeFiles(output, { "pages/a.html": "<p>a</p>" });
    const before = ino(path.join(output, "pages/a.html"));
    const update = await planUpdate(stagingOf(work), { placed }, await readSiteFolder(output));
    assert.deepEqual([update.moved, update.linked, update.removed], [[], [], []]);
    await applyUpdate(work, output, update);
    assert.equal(ino(path.join(output, "pages/a.html")), before);
  });

  it("takes the record of the last update for the files it placed from the caches, and places again what the record shows gone", async () => {
    const { root, output, work, cache, placed } = scene({ "index.html": "<p>x</p>" }, { "a.html": "<p>a</p>", "b.html": "<p>b</p>" });
    const recordFile = recordFileOf(path.join(root, "cache-folder"), output);
    const first = await planUpdate(stagingOf(work), { placed }, await readSiteFolder(output, recordFile));
    await applyUpdate(work, output, first);
    await writeRecord(recordFile, first.files);
    const record = readRecord(recordFile);
    assert.deepEqual(record.files.get("pages/a.html"), { path: "pages/a.html", bytes: 8, source: path.join(cache, "a.html") });

    rmSync(path.join(output, "pages/b.html"));
    writeFiles(cache, { "c.html": "<p>c</p>" });
    placed.set("pages/a.html", path.join(cache, "c.html"));
    const next = await planUpdate(stagingOf(work), { placed }, await readSiteFolder(output, recordFile));
    assert.deepEqual(next.linked.sort(), [
      ["pages/a.html", path.join(cache, "c.html")],
      ["pages/b.html", path.join(cache, "b.html")],
    ]);
  });

  it("names the cached files in its own cache folder from that folder, so that the record holds when the folder moves", async () => {
    const { root, output, work, cache, placed } = scene({ "index.html": "<p>x</p>" }, { "a.html": "<p>a</p>" });
    const update = await planUpdate(stagingOf(work), { placed }, await readSiteFolder(output));
    await writeRecord(recordFileOf(cache, output), update.files);
    assert.doesNotMatch(readFileSync(recordFileOf(cache, output), "latin1"), new RegExp(root), "no path of the cache folder is in the record");
    renameSync(cache, path.join(root, "moved"));
    const record = readRecord(recordFileOf(path.join(root, "moved"), output));
    assert.deepEqual(record.files.get("pages/a.html"), { path: "pages/a.html", bytes: 8, source: path.join(root, "moved/a.html") });
    assert.deepEqual(record.files.get("index.html"), { path: "index.html", bytes: 8, source: undefined });
  });

  it("records a file it wrote that a cache keeps too, so that the next build placing that file knows it in place", async () => {
    const { root, output, work, cache } = scene({ "pages/a.html": "<p>a</p>" }, { "a.html": "<p>a</p>" });
    const recordFile = recordFileOf(path.join(root, "cache-folder"), output);
    const kept = new Map([["pages/a.html", path.join(cache, "a.html")]]);
    const first = await planUpdate(stagingOf(work), { placed: new Map(), kept }, await readSiteFolder(output));
    await applyUpdate(work, output, first);
    await writeRecord(recordFile, first.files);
    // Bytes that differ from the cached file's would be placed again: the record is what tells the next build they need no look.
    writeFiles(output, { "pages/a.html": "<p>A</p>" });
    const next = await planUpdate(stagingOf(work), { placed: kept }, await readSiteFolder(output, recordFile));
    assert.deepEqual([next.moved, next.linked, next.removed], [[], [], []]);
  });

  it("leaves its journal when it is stopped part-way, and the next build finishes the update", async () => {
    const { output, work, cache, placed } = scene({ "index.html": "<p>new</p>" }, { "a.html": "<p>a</p>" });
    writeFiles(output, { "index.html": "<p>old</p>", "old.html": "<p>old</p>" });
    const update = await planUpdate(stagingOf(work), { placed }, await readSiteFolder(output));
    // The cached file vanishes before it is linked in: the update stops after the moves.
    rmSync(path.join(cache, "a.html"));
    await assert.rejects(applyUpdate(work, output, update), { code: "ENOENT" });
    assert.ok(existsSync(path.join(work, "journal.json")), "the journal stays");
    assert.equal(read(path.join(output, "index.html")), "<p>new</p>");
    assert.ok(!existsSync(path.join(output, "old.html")));

    writeFiles(cache, { "a.html": "<p>a</p>" });
    await finishInterruptedUpdate(work, output);
    assert.equal(read(path.join(output, "pages/a.html")), "<p>a</p>");
    assert.equal(read(path.join(output, "index.html")), "<p>new</p>");
    assert.ok(!existsSync(work), "the work folder is removed");
  });

  it("without a journal, a work folder left by a stopped build is cleared and the site untouched", async () => {
    const { output, work } = scene({ "index.html": "<p>half</p>" }, {});
    writeFiles(output, { "index.html": "<p>old</p>" });
    await finishInterruptedUpdate(work, output);
    assert.ok(!existsSync(work));
    assert.equal(read(path.join(output, "index.html")), "<p>old</p>");
  });
});

describe("reading the site folder by its record", () => {
  /** A clock far enough after the files were written that their folders' stamps are trusted. */
  const later = () => new Date(Date.now() + 10_000);

  /** A site of two folders, built and recorded twice: the first update makes the folder, the second stamps its folders. */
  async function recordedSite() {
    const { root, output, work, placed } = scene({ "index.html": "<p>x</p>", "a/index.html": "<p>a</p>" }, { "b.html": "<p>b</p>" });
    const recordFile = recordFileOf(path.join(root, "cache-folder"), output);
    for (let build = 0; build < 2; build++) {
      writeFiles(stagingOf(work), { "index.html": "<p>x</p>", "a/index.html": "<p>a</p>" });
      const site = await readSiteFolder(output, recordFile, later());
      const update = await planUpdate(stagingOf(work), { placed }, site);
      await applyUpdate(work, output, update);
      await writeRecord(recordFile, update.files, foldersLeftAlone(site.stamps, update));
    }
    return { output, recordFile };
  }

  it("finds every file, those added or removed since the record too", async () => {
    const { output, recordFile } = await recordedSite();
    assert.deepEqual([...readRecord(recordFile).folders.keys()].sort(), ["", "a", "pages"]);
    writeFiles(output, { "pages/stray.html": "<p>?</p>", "new/deep/index.html": "<p>n</p>" });
    rmSync(path.join(output, "a/index.html"));
    assert.deepEqual((await readSiteFolder(output, recordFile, later())).files, ["index.html", "new/deep/index.html", "pages/b.html", "pages/stray.html"]);
  });

  it("does not read a folder whose stamp is the one recorded: it holds what the record says", async () => {
    const { output, recordFile } = await recordedSite();
    const record = readRecord(recordFile);
    // A record that lists a file the folder lacks shows which folders were read: only those whose stamps differ.
    const files = [...record.files.values(), { path: "pages/recorded-only.html", bytes: 1 }, { path: "a/recorded-only.html", bytes: 1 }];
    await writeRecord(recordFile, files, new Map([...record.folders].filter(([folder]) => folder !== "a")));
    const found = await readSiteFolder(output, recordFile, later());
    assert.ok(found.files.includes("pages/recorded-only.html"));
    assert.ok(!found.files.includes("a/recorded-only.html"), "a folder without a stamp is read");
  });

  it("stamps no folder changed within two seconds of its clock, nor one an update writes into, nor those above it", async () => {
    const { output, recordFile } = await recordedSite();
    assert.equal((await readSiteFolder(output, recordFile, new Date())).stamps.size, 0, "every folder was just written");
    const { stamps } = await readSiteFolder(output, recordFile, later());
    const update = { fresh: false, moved: ["a/index.html"], linked: [], removed: [], files: [] };
    assert.deepEqual([...foldersLeftAlone(stamps, update).keys()], ["pages"]);
    assert.equal(foldersLeftAlone(stamps, { ...update, moved: [], fresh: true }).size, 0);
  });
});
