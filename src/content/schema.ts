import { z } from "zod";
import { parseArchiveDate, suggestIsoDate } from "./date.ts";
import { isSlug, slugifyVietnamese } from "./slug.ts";

/** Describes a YAML value for an error message: "a number", "a list", "a map"… */
export function describeValue(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the value ${value}`;
  return `"${String(value)}"`;
}

/** How to write a field in YAML, for messages: "title: …", or "name: … under source". */
function yamlLine(field: string, example: string): string {
  const [parent, key] = field.includes(".") ? field.split(".") : [undefined, field];
  return parent ? `${key}: ${example} under ${parent}` : `${key}: ${example}`;
}

/** Required or optional single-line text; `example` shows the editor what to write. */
function text(field: string, example: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${field} is missing: add ${yamlLine(field, example)}`
          : `${field} must be text, not ${describeValue(issue.input)}: write ${yamlLine(field, example)}`,
    })
    .trim()
    .min(1, `${field} is empty: write ${yamlLine(field, example)}, or remove the line`);
}

/** An archive date (see parseArchiveDate); the message suggests the ISO form of a day-first date. */
function archiveDate(field: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${field} is missing: add ${yamlLine(field, "2022-07-01")}`
          : `${field} must be a date written as YYYY-MM-DD, not ${describeValue(issue.input)}`,
    })
    .transform((value, context) => {
      const date = parseArchiveDate(value);
      if (date) return date;
      const suggestion = suggestIsoDate(value);
      context.addIssue({
        code: "custom",
        message: suggestion
          ? `${field} "${value}" is not a valid date: write it as ${suggestion} (YYYY-MM-DD)`
          : `${field} "${value}" is not a valid date: write a real day as YYYY-MM-DD, or a date-time such as 2022-07-01T08:00:00+07:00`,
      });
      return z.NEVER;
    });
}

/** A web address: only http and https, so that nothing such as `javascript:` ever reaches a link. */
function webAddress(field: string) {
  return z
    .string({ error: (issue) => `${field} must be a web address, not ${describeValue(issue.input)}` })
    .trim()
    .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), {
      error: (issue) => `${field} "${String(issue.input)}" is not a web address: use a full http:// or https:// URL`,
    });
}

/**
 * Limits that no real article reaches, so that a broken import (a title that swallowed the
 * body, ten thousand tags) is stopped with a message instead of filling the site.
 */
export const LIMITS = { titleLength: 300, names: 100, nameLength: 100 } as const;

/**
 * A name (author, tag, category, location, source), at most LIMITS.nameLength characters: it
 * becomes a URL, and a longer one is a sentence that an import took for a name.
 */
function name(field: string, example: string) {
  return text(field, example).max(LIMITS.nameLength, {
    error: (issue) =>
      `${field} "${String(issue.input).slice(0, 40)}…" is ${String(issue.input).length.toLocaleString("en-US")} characters long, more than the ${LIMITS.nameLength} a name may have: is it a sentence taken for a name?`,
  });
}

/** A list of names; a single name is accepted and read as a list of one. */
function names(field: string, example: string) {
  return z.preprocess(
    (value) => (typeof value === "string" ? [value] : value),
    z
      .array(name(field, example), {
        error: (issue) => `${field} must be a name or a list of names, not ${describeValue(issue.input)}: write ${yamlLine(field, example)}`,
      })
      .max(LIMITS.names, {
        error: (issue) => `${field} has ${(issue.input as unknown[]).length.toLocaleString("en-US")} entries, more than the ${LIMITS.names} an article may have: keep the ones that matter`,
      }),
  );
}

/**
 * An old address of the article on this site, which must keep working: a path such as
 * `/2022/07/old-slug/` or a legacy `/chinh-tri/386578/bai.html`, in plain URL characters.
 */
const oldAddress = z
  .string({ error: (issue) => `each alias must be a path on this site such as "/2022/07/old-slug/", not ${describeValue(issue.input)}` })
  .trim()
  .refine((value) => /^\/(?:[A-Za-z0-9\-._~]+\/)*(?:[A-Za-z0-9\-._~]+\.html?)?$/.test(value) && !/(^|\/)\.\.?(\/|$)/.test(value), {
    error: (issue) =>
      `alias "${String(issue.input)}" is not a path on this site: start with /, end with / or .html, and use only letters, digits and - . _ ~ (e.g. "/2022/07/old-slug/")`,
  });

/** Old addresses of an article; a single one is read as a list of one. */
const aliases = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z
    .array(oldAddress, { error: (issue) => `aliases must be a list of old paths such as ["/2022/07/old-slug/"], not ${describeValue(issue.input)}` })
    .max(LIMITS.names, {
      error: (issue) => `aliases has ${(issue.input as unknown[]).length.toLocaleString("en-US")} entries, more than the ${LIMITS.names} an article may have`,
    }),
);

/** A map of named fields, with a message that shows its expected shape. */
function map<Shape extends z.ZodRawShape>(field: string, shape: Shape, example: string) {
  return z.object(shape, {
    error: (issue) => `${field} must be a map such as ${example}, not ${describeValue(issue.input)}`,
  });
}

/**
 * The front matter of an article: the contract in DESIGN.md, declared once. It gives the
 * runtime validation (with an editor-facing message for every failure) and, through
 * `FrontMatter`, the TypeScript type.
 */
export const frontMatterSchema = z.object({
  title: text("title", '"Đổi mới phương thức hoạt động"').max(LIMITS.titleLength, {
    error: (issue) => `title is ${String(issue.input).length.toLocaleString("en-US")} characters long, more than ${LIMITS.titleLength}: shorten it, and move the rest to summary: or the body`,
  }),
  date: archiveDate("date"),
  updated: archiveDate("updated").optional(),
  summary: text("summary", '"Lead paragraph"').optional(),
  category: name("category", '"Chính trị"').optional(),
  location: name("location", '"Bắc Giang"').optional(),
  tags: names("tags", '["tuyên giáo", "hội nghị"]').optional(),
  author: names("author", '"Quốc Trường"').optional(),
  source: map(
    "source",
    { name: name("source.name", '"Báo Bắc Giang"'), url: webAddress("source.url").optional() },
    '{ name: "Báo Bắc Giang", url: "https://…" }',
  ).optional(),
  image: map(
    "image",
    {
      src: text("image.src", '"/images/hoi-nghi.jpg"').refine((src) => !/^[a-z][a-z0-9+.-]*:/i.test(src) || /^https?:/i.test(src), {
        error: (issue) => `image.src "${String(issue.input)}" must be a path or an http(s) URL`,
      }),
      alt: z.string({ error: () => 'image.alt is missing: describe the picture, e.g. alt: "Quang cảnh hội nghị"' }).trim(),
      caption: text("image.caption", '"Quang cảnh hội nghị."').optional(),
    },
    '{ src: "/images/a.jpg", alt: "…" }',
  ).optional(),
  slug: z
    .string({ error: (issue) => `slug must be text, not ${describeValue(issue.input)}` })
    .refine(isSlug, {
      error: (issue) => {
        const suggestion = slugifyVietnamese(String(issue.input));
        return `slug "${String(issue.input)}" is not URL-safe: use lowercase letters, digits and hyphens${suggestion ? `, e.g. "${suggestion}"` : ""}`;
      },
    })
    // A folder name on disk: file systems refuse names over 255 bytes.
    .refine((slug) => slug.length <= 200, { error: (issue) => `slug is ${String(issue.input).length} characters long, more than 200: shorten it` })
    .optional(),
  draft: z.boolean({ error: (issue) => `draft must be true or false, not ${describeValue(issue.input)}` }).optional(),
  aliases: aliases.optional(),
  "x-import": map(
    "x-import",
    {
      format: text("x-import.format", "aggregator"),
      from: text("x-import.from", '"000_22c2bbd137854b5e.txt"'),
      fields: z.record(z.string(), z.string(), { error: () => "x-import.fields must map each field to how the importer obtained it" }),
      review: z.array(z.string(), { error: () => "x-import.review must be a list of reasons" }).optional(),
    },
    "{ format: aggregator, from: a.txt, fields: { date: dateline } }",
  ).optional(),
});

/** How the importer obtained an article: written by `khotin import`, kept for editors and reviewers. */
export type ImportRecord = NonNullable<z.output<typeof frontMatterSchema>["x-import"]>;

/** Validated front matter, as the rest of khotin sees it. */
export type FrontMatter = z.output<typeof frontMatterSchema>;

/** The top-level keys the schema knows, for spotting typos among unknown keys. */
export const frontMatterKeys: readonly string[] = Object.keys(frontMatterSchema.shape);
