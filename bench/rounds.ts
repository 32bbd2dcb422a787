/**
 * Rows of the bench's table, and how the runs of a stage repeated over several rounds become
 * one row. On this project's shared 2-core machine the same build took from 17 to 25 s within
 * an hour, so a single run says little about a target of 15 s: the bench repeats the stages
 * that targets are judged by and gives the median, with the range beside it.
 */

/** One row of the table: a stage's wall time, its peak resident memory, and what it left in its output folder. */
export interface Row {
  stage: string;
  seconds: number;
  peakMB: number;
  files?: number;
  bytes?: number;
  note?: string;
}

/** The median of some numbers: the middle one, or the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("the median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The smallest and largest of some numbers, to `digits` decimals: "17.4 to 18.7". */
const range = (values: readonly number[], digits: number) => `${Math.min(...values).toFixed(digits)} to ${Math.max(...values).toFixed(digits)}`;

/**
 * One row for the runs of a stage: the median wall time, the highest peak memory, the output
 * folder and the notes of the first run (what a build did is the same each round), and the
 * range of the runs. A single run is its own row.
 */
export function summarise(runs: readonly Row[]): Row {
  const [first] = runs;
  if (!first) throw new Error("a stage with no runs");
  if (runs.length === 1) return first;
  const seconds = runs.map((run) => run.seconds);
  const note = `median of ${runs.length} runs, ${range(seconds, 1)} s`;
  return { ...first, seconds: median(seconds), peakMB: Math.max(...runs.map((run) => run.peakMB)), note: first.note ? `${note}; ${first.note}` : note };
}

/**
 * The table's note on how khotin's cold builds compare with Hugo and the Pagefind CLI over the
 * same rounds: the ratio of their medians, and the range of the rounds' own ratios, each
 * round's runs having shared the machine's state of the moment.
 */
export function coldRatio(khotin: readonly Row[], hugo: readonly Row[], pagefind: readonly Row[]): string {
  const ratio = median(khotin.map((run) => run.seconds)) / (median(hugo.map((run) => run.seconds)) + median(pagefind.map((run) => run.seconds)));
  const note = `khotin cold build / this: ${ratio.toFixed(2)}`;
  if (khotin.length < 2) return note;
  const rounds = khotin.map((run, round) => run.seconds / (hugo[round]!.seconds + pagefind[round]!.seconds));
  return `${note} (rounds: ${range(rounds, 2)})`;
}
