// Hostile-input benchmark (prints figures; asserts nothing): hands the page
// what issue 15 found to exhaust it, and prints for each case the answer,
// the time to it, and the module's memory before and after; then whether an
// ordinary run still gives exact results.
// Usage: node tests/e2e/bench-hostile.mjs
import { openPlayground } from "./browser.mjs";

const CASES = [
  ["60 MB query string", "'inputs=' + '1,'.repeat(3e7)"],
  ["3e7-element inputs list", "{ inputs: new Array(3e7).fill(1) }"],
  ["2e6-character list item", "{ inputs: ['x'.repeat(2e6)] }"],
  ["NaN max_workers", "{ max_workers: NaN }"],
  ["a Map", "new Map([['executor', 'threads']])"],
  ["separator inside a param", "{ workload: 'download', params: { latency_ms: '1,jitter_ms:60000' } }"],
  ["100,000-character bad value", "{ executor: 'x'.repeat(1e5) }"],
];

const { browser, playground } = await openPlayground();
const { page } = playground;
const MiB = (bytes) => (bytes / 2 ** 20).toFixed(1);
try {
  const memory = () => page.evaluate(() => window.futuresLab.info().wasm_memory_bytes);
  for (const [name, make] of CASES) {
    const before = await memory();
    const { ms, answer } = await page.evaluate(`(async () => {
      const value = ${make};
      const began = performance.now();
      let answer;
      try { await window.futuresLab.run(value); answer = "ran"; } catch (e) { answer = e.message; }
      return { ms: performance.now() - began, answer };
    })()`);
    const after = await memory();
    console.log(`${name}: ${ms.toFixed(1)} ms to "${answer.slice(0, 100)}${answer.length > 100 ? "…" : ""}" (${answer.length} chars); memory ${MiB(before)} → ${MiB(after)} MiB`);
  }
  const report = await page.evaluate(() => window.futuresLab.run("executor=threads&max_workers=2&inputs=10,1000"));
  console.log(`then an ordinary run: ${report.tasks.map((t) => t.result).join(", ")}`);
} finally {
  await browser.close();
}
