import type { Archive } from "../content/archive.ts";
import { formatMessage, isError } from "../content/diagnostics.ts";

/** Counts are printed with thousands separators, as in "12,345 articles". */
const count = (value: number) => value.toLocaleString("en-US");

/** "1 article", "2 articles". */
const counted = (value: number, noun: string) => `${count(value)} ${noun}${value === 1 ? "" : "s"}`;

/** Prints every message about the archive to stderr, in file order. */
export function printMessages(archive: Archive, write: (line: string) => void = (line) => console.error(line)): void {
  for (const message of archive.messages) write(formatMessage(message));
}

/** The number of errors in an archive. */
export function errorCount(archive: Archive): number {
  return archive.messages.filter(isError).length;
}

/** The one-line outcome of a check: how many files, errors and warnings. */
export function checkSummary(archive: Archive): string {
  const errors = errorCount(archive);
  const warnings = archive.messages.length - errors;
  return `${counted(archive.files, "file")} checked: ${counted(archive.articles.length, "article")}, ${counted(archive.drafts.length, "draft")}, ${counted(errors, "error")}, ${counted(warnings, "warning")}`;
}

/** The figures of a finished build. */
export interface BuildFigures {
  pages: number;
  indexed: number;
  seconds: number;
}

/** The one-line outcome of a build: `12,345 articles → 12,345 pages, 12,345 indexed, 0 skipped`. */
export function buildSummary(archive: Archive, figures: BuildFigures): string {
  const drafts = archive.drafts.length ? `, ${counted(archive.drafts.length, "draft")} not published` : "";
  return `${counted(archive.files, "article")} → ${counted(figures.pages, "page")}, ${count(figures.indexed)} indexed, ${count(archive.invalid.length)} skipped${drafts} (${figures.seconds.toFixed(1)} s)`;
}
