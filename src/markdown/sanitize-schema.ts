import { defaultSchema, type Schema } from "hast-util-sanitize";

/**
 * GitHub's sanitising rules (rehype-sanitize's default), plus `<figure>` and `<figcaption>`
 * so that image captions survive. Script elements, event handlers such as `onerror=` and
 * `javascript:` URLs are still removed.
 */
export const articleSanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), "figure", "figcaption"],
};
