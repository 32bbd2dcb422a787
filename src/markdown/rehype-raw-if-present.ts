import type { Root } from "hast";
import rehypeRaw from "rehype-raw";
import { EXIT, visit } from "unist-util-visit";
import type { VFile } from "vfile";

/** Whether a tree holds raw HTML: the `raw` nodes that remark-rehype makes of HTML in Markdown. */
function holdsRaw(tree: Root): boolean {
  let found = false;
  visit(tree, "raw", () => {
    found = true;
    return EXIT;
  });
  return found;
}

/**
 * rehype-raw, on the trees that hold raw HTML only. Any other tree comes out of parse5 as it
 * went in, and parsing every body again cost a third of rendering one (few articles hold HTML:
 * 57 of the 91,759 in the bench).
 */
export default function rehypeRawIfPresent() {
  const parseRaw = rehypeRaw();
  return (tree: Root, file: VFile): Root => (holdsRaw(tree) ? parseRaw(tree, file) : tree);
}
