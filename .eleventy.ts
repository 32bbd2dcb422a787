// Eleventy configuration: it only wires together the parts in src/. Run it through the khotin
// CLI (`npm run build`, `npm start`), which validates the content first; Eleventy itself is
// started under tsx because Node 20 cannot load TypeScript on its own.
// https://www.11ty.dev/docs/config/
import { configureSite } from "./src/site/eleventy-config.ts";

export default configureSite;
