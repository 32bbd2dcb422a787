// Eleventy configuration: it only wires together the parts in src/. The khotin CLI (`npm run
// build`, `npm start`), which validates the content first, passes the same function to Eleventy
// itself rather than reading this file; this file is for a bare Eleventy run, under tsx because
// Node 20 cannot load TypeScript on its own.
// https://www.11ty.dev/docs/config/
import { configureSite } from "./src/site/eleventy-config.ts";

export default configureSite;
