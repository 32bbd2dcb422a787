import type { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";

/** A 1-based line and column in a source file. */
export interface Point {
  line: number;
  column: number;
}

/** How serious a problem is: errors stop a build, warnings are printed and the build goes on. */
export type Severity = "error" | "warning";

/** Where the README explains each family of rules (`schema/…`, `yaml/…`, `content/…`, `url/…`). */
export function docsUrl(ruleId: string): string {
  return `README.md#rule-${ruleId.split("/")[0]}`;
}

/** Records a problem on a file as a vfile message carrying its place, rule id and docs link. */
export function report(file: VFile, reason: string, ruleId: string, severity: Severity, place?: Point): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: "khotin" });
  message.fatal = severity === "error";
  message.url = docsUrl(ruleId);
  return message;
}

/** Whether a message stops the build. */
export function isError(message: VFileMessage): boolean {
  return message.fatal === true;
}

/** Formats a message the way compilers do: `path:line:col: error: reason [rule]`. */
export function formatMessage(message: VFileMessage): string {
  const severity = message.fatal ? "error" : "warning";
  return `${message.file}:${message.line ?? 1}:${message.column ?? 1}: ${severity}: ${message.reason} [${message.ruleId}]`;
}
