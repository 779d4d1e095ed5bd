// Soak benchmark (prints figures; asserts nothing): 30 API runs of 2,000
// futures, then 20 runs from the page's controls, printing the module's
// memory and the renderer's resident memory after every tenth run; then one
// page run of 10,000 futures, for the memory a future takes (what the run
// budget's BYTES_PER_FUTURE stands for).
// Usage: node tests/e2e/bench-soak.mjs [api-runs] [page-runs]
import { readFileSync, readdirSync } from "node:fs";

import { openPlayground } from "./browser.mjs";

const apiRuns = Number(process.argv[2] ?? 30);
const pageRuns = Number(process.argv[3] ?? 20);
const MiB = (bytes) => (bytes / 2 ** 20).toFixed(1);

/** Resident memory of the Chromium renderer processes on this machine, in bytes (run nothing else meanwhile). */
function rendererRss() {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!args.includes("--type=renderer")) continue;
      const rss = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

const inputs = (n) => Array.from({ length: n }, (_, i) => 1000 + (i % 100)).join(",");
const { browser, playground } = await openPlayground();
const { page } = playground;
const memory = () => page.evaluate(() => window.futuresLab.info().wasm_memory_bytes);
const report = (label) =>
  memory().then((wasm) => console.log(`${label}: wasm memory ${MiB(wasm)} MiB, renderer RSS ${MiB(rendererRss())} MiB`));
try {
  await report("ready");
  const scenario = `workload=cpu_bound&executor=threads&max_workers=4&inputs=${inputs(2000)}`;
  for (let run = 1; run <= apiRuns; run++) {
    const began = performance.now();
    const result = await page.evaluate((s) => window.futuresLab.run(s), scenario);
    if (result.tasks.length !== 2000) throw new Error(`run ${run}: ${result.tasks.length} futures`);
    if (run % 10 === 0) await report(`API run ${run} of 2,000 futures (${(performance.now() - began).toFixed(0)} ms)`);
  }
  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(4);
  await playground.setInputs(inputs(2000));
  for (let run = 1; run <= pageRuns; run++) {
    const began = performance.now();
    await playground.run();
    await page.getByTestId("wall-time").waitFor({ state: "detached", timeout: 60_000 }).catch(() => {});
    await playground.waitForRun();
    if (run % 10 === 0) await report(`page run ${run} of 2,000 futures (${(performance.now() - began).toFixed(0)} ms)`);
  }
  const before = await memory();
  const rssBefore = rendererRss();
  await playground.setInputs(inputs(10000));
  await playground.run();
  await page.getByTestId("wall-time").waitFor({ state: "detached", timeout: 60_000 }).catch(() => {});
  await playground.waitForRun();
  const after = await memory();
  const rssAfter = rendererRss();
  console.log(
    `one page run of 10,000 futures: wasm memory ${MiB(before)} → ${MiB(after)} MiB (${((after - before) / 10000).toFixed(0)} B a future at most), renderer RSS ${MiB(rssBefore)} → ${MiB(rssAfter)} MiB (${((rssAfter - rssBefore) / 10000).toFixed(0)} B a future)`,
  );
} finally {
  await browser.close();
}
