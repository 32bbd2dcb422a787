import type { RawFile, Reader } from "../types.ts";
import { aggregatorReader } from "./aggregator.ts";
import { baomoiFlatReader, baomoiParagraphsReader } from "./baomoi.ts";
import { dantriReader } from "./dantri.ts";
import { plainReader } from "./plain.ts";
import { vntcReader } from "./vntc.ts";

/** Every reader, in the order detection asks them: the most specific layouts first. */
export const readers: readonly Reader[] = [
  dantriReader,
  aggregatorReader,
  vntcReader,
  baomoiParagraphsReader,
  baomoiFlatReader,
  plainReader,
];

/** The reader for a format name given with `--format`. */
export function readerNamed(format: string): Reader | undefined {
  return readers.find((reader) => reader.format === format);
}

/** The reader whose layout a file is in, if any. */
export function detectReader(file: RawFile): Reader | undefined {
  return readers.find((reader) => reader.detect(file));
}
