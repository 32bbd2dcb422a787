import slugify from "@sindresorhus/slugify";

/**
 * Options for @sindresorhus/slugify that follow the URL contract in DESIGN.md: no
 * decamelising ("iPhone" stays one word), and `&` is an ordinary separator rather
 * than the English " and " that the library substitutes by default.
 */
const SLUG_OPTIONS = {
  decamelize: false,
  customReplacements: [["&", " "]] as [string, string][],
};

/** Turns Vietnamese text into a URL slug: "Đỗ Đức Hà" → "do-duc-ha". */
export function slugifyVietnamese(text: string): string {
  // A slug already (most file names): slugify would give it back unchanged, at some cost.
  if (isSlug(text)) return text;
  return slugify(text.normalize("NFC"), SLUG_OPTIONS);
}

/** Whether a string is already a slug in khotin's form (lowercase ASCII words joined by single hyphens). */
export function isSlug(text: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);
}
