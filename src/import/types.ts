/** A block of an imported article's body: a paragraph, or the caption of a picture that did not survive the scrape. */
export type Block = { kind: "paragraph"; text: string } | { kind: "caption"; text: string };

/** The front-matter fields an importer can fill, each with a record of how it was obtained. */
export type ImportedField = "title" | "date" | "summary" | "category" | "location" | "author" | "source";

/** What a reader makes of one raw file, before it becomes Markdown. */
export interface ImportedArticle {
  title?: string;
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss` in Asia/Ho_Chi_Minh. */
  date?: string;
  summary?: string;
  category?: string;
  location?: string;
  author?: string[];
  source?: { name: string; url?: string };
  body: Block[];
  /** How each field was obtained: "line 1", "dateline", "url", "first sentence"… */
  origins: Partial<Record<ImportedField, string>>;
  /** Why an editor should look at this article: a derived title, a guessed split… */
  review: string[];
}

/** A raw file handed to a reader: its text (decoded, NFC, `\n` line endings) and its path relative to the import root. */
export interface RawFile {
  path: string;
  text: string;
}

/** One layout of raw article: how to recognise it and how to read it. */
export interface Reader {
  /** The name used by `--format` and recorded in `x-import.format`. */
  format: string;
  /** Whether a file is in this layout; detection asks the readers in order and takes the first yes. */
  detect(file: RawFile): boolean;
  read(file: RawFile): ImportedArticle;
}

/**
 * Fills in a field of an imported article together with how it was obtained, so that no
 * field is ever set without its record in `x-import.fields`. Does nothing when the value
 * was not found.
 */
export function infer<Field extends ImportedField>(article: ImportedArticle, field: Field, value: ImportedArticle[Field] | undefined, origin: string): void {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return;
  article[field] = value;
  article.origins[field] = origin;
}

/** Fills in the date an importer found, with its origin, and passes on its reason for review. */
export function inferDate(article: ImportedArticle, found: { date: string; origin: string; review?: string } | undefined): void {
  if (!found) return;
  infer(article, "date", found.date, found.origin);
  if (found.review) article.review.push(found.review);
}
