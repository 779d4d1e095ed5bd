// A tutorial page on another origin (another port) with the playground's
// embed in an iframe allowed cross-origin isolation; it keeps every message
// the frame posts in `window.received`, and `window.send(message)` posts to
// the frame.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ISOLATION_HEADERS, serve } from "./server.mjs";

const page = (lab) => `<!doctype html>
<html><head><link rel="icon" href="data:,"></head><body>
<iframe id="lab" allow="cross-origin-isolated" style="width: 900px; height: 400px"
  src="${lab}/embed.html?workload=cpu_bound&inputs=1000,2000&executor=threads&max_workers=2"></iframe>
<script>
  window.received = [];
  const frame = document.getElementById("lab");
  window.addEventListener("message", (event) => {
    if (event.source === frame.contentWindow) window.received.push(event.data);
  });
  window.send = (message) => frame.contentWindow.postMessage(message, "*");
</script>
</body></html>`;

/**
 * Serves the tutorial page embedding the playground at `lab` (its base
 * URL), itself isolated unless `headers` says otherwise (`{}`: a blog that
 * sends none); resolves with { url, close }.
 */
export async function serveTutorialParent(lab, { headers = ISOLATION_HEADERS } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "futures-lab-parent-"));
  await writeFile(join(dir, "index.html"), page(lab));
  const server = await serve(dir, { headers: { ...headers } });
  return {
    url: server.url,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
