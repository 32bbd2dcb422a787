import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { coldRatio, median, summarise, type Row } from "../bench/rounds.ts";

const run = (seconds: number, peakMB = 100, note?: string): Row => ({ stage: "build, one new article (dated today)", seconds, peakMB, files: 7, bytes: 70, note });

describe("the bench's rounds", () => {
  it("takes the middle value, or the mean of the two middle ones, whatever the order", () => {
    assert.equal(median([17.4, 22.1, 16.8]), 17.4);
    assert.equal(median([21, 17, 18, 30]), 19.5);
    assert.equal(median([5]), 5);
    assert.throws(() => median([]));
  });

  it("makes one row of a stage's runs: the median time, the highest peak, and the range", () => {
    const row = summarise([run(19.1, 1700, "44 pages rendered"), run(17.6, 1800), run(22.3, 1650)]);
    assert.equal(row.seconds, 19.1);
    assert.equal(row.peakMB, 1800);
    assert.equal(row.stage, "build, one new article (dated today)");
    assert.deepEqual([row.files, row.bytes], [7, 70]);
    assert.equal(row.note, "median of 3 runs, 17.6 to 22.3 s; 44 pages rendered");
  });

  it("leaves a single run as it is", () => {
    const single = run(16.8, 900, "18 pages rendered");
    assert.equal(summarise([single]), single);
    assert.throws(() => summarise([]));
  });

  it("compares the medians of khotin's cold builds with Hugo's and the CLI's, and gives the range of the rounds' own ratios", () => {
    // Medians 31 s against 8 + 22 s; the rounds: 30 / 30, 33 / 28 and 31 / 33.
    assert.equal(coldRatio([run(30), run(33), run(31)], [run(8), run(7), run(9)], [run(22), run(21), run(24)]), "khotin cold build / this: 1.03 (rounds: 0.94 to 1.18)");
    assert.equal(coldRatio([run(31.4)], [run(8.3)], [run(22.6)]), "khotin cold build / this: 1.02");
  });
});
