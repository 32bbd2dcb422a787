import type { ImportOutcome } from "./importer.ts";
import type { ImportedField } from "./types.ts";

/** The fields the report accounts for, in front-matter order. */
const FIELDS: readonly ImportedField[] = ["title", "date", "summary", "category", "location", "author", "source"];

/** Counts of an import: what happened to the files, and how each field of the imported articles was obtained. */
export interface ImportReport {
  files: number;
  status: Record<ImportOutcome["status"], number>;
  /** Why files were skipped or kept, with how many each. */
  reasons: Record<string, number>;
  formats: Record<string, number>;
  /** For each field, how many imported articles got it each way, or "not found". */
  fields: Record<ImportedField, Record<string, number>>;
  /** Imported articles an editor should look at (derived titles, fallback dates…). */
  needsReview: number;
  outcomes: ImportOutcome[];
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Adds up the outcomes of an import. */
export function summariseImport(outcomes: ImportOutcome[]): ImportReport {
  const report: ImportReport = {
    files: outcomes.length,
    status: { written: 0, unchanged: 0, overwritten: 0, kept: 0, skipped: 0 },
    reasons: {},
    formats: {},
    fields: Object.fromEntries(FIELDS.map((field) => [field, {}])) as ImportReport["fields"],
    needsReview: 0,
    outcomes,
  };
  for (const outcome of outcomes) {
    report.status[outcome.status]++;
    if (outcome.reason) increment(report.reasons, outcome.reason);
    if (outcome.format) increment(report.formats, outcome.format);
    if (outcome.status === "skipped") continue;
    for (const field of FIELDS) increment(report.fields[field], outcome.fields?.[field] ?? "not found");
    if (outcome.review?.length) report.needsReview++;
  }
  return report;
}

const count = (value: number) => value.toLocaleString("en-US");
const tally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, value]) => `${key} ${count(value)}`)
    .join(", ");

/** The report as editors read it in a terminal. */
export function formatImportReport(report: ImportReport): string {
  const { status } = report;
  const lines = [
    `${count(report.files)} files read: ${count(status.written)} written, ${count(status.overwritten)} overwritten, ${count(status.unchanged)} unchanged, ${count(status.kept)} kept, ${count(status.skipped)} skipped`,
    `formats: ${tally(report.formats) || "none"}`,
    ...Object.entries(report.reasons).map(([reason, times]) => `  ${count(times)} × ${reason}`),
    "fields of the imported articles:",
    ...FIELDS.map((field) => `  ${field}: ${tally(report.fields[field]) || "-"}`),
    `${count(report.needsReview)} articles need review (see x-import.review in their front matter)`,
  ];
  return lines.join("\n");
}
