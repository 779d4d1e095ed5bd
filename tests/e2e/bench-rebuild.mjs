// Rebuild benchmark (prints figures; asserts nothing): in each browser, breaks
// the worker pool N times (default 5) with an armed panic and prints, for
// each, how long the broken run took to fail and how long the new pool took
// to come up (the badge's "started in … ms", from the page asking for it), and
// whether a run on it gave exact results; then the module's memory.
// Usage: node tests/e2e/bench-rebuild.mjs [panics] [chromium,firefox]
import { openPlayground } from "./browser.mjs";
import { openFirefox } from "./firefox.mjs";

const panics = Number(process.argv[2] ?? 5);
const browsers = (process.argv[3] ?? "chromium,firefox").split(",");
const SCENARIO = "executor=threads&max_workers=2&inputs=10,1000";
const EXPECTED = ["285", "332833500"];

async function open(name) {
  if (name === "chromium") {
    const { browser, playground } = await openPlayground();
    return { page: playground.page, close: () => browser.close() };
  }
  const firefox = await openFirefox();
  await firefox.open("/");
  await firefox.page.evaluate(() => window.futuresLab.ready);
  return { page: firefox.page, close: () => firefox.close() };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

for (const name of browsers) {
  const { page, close } = await open(name);
  try {
    const run = () =>
      page.evaluate(async (q) => {
        const began = performance.now();
        try {
          const report = await window.futuresLab.run(q);
          return { ms: performance.now() - began, results: report.tasks.map((t) => String(t.result)) };
        } catch (error) {
          return { ms: performance.now() - began, error: String(error) };
        }
      }, SCENARIO);
    // The page's warm-up run takes its turn first.
    await run();
    await run();
    const failed = [];
    const rebuilt = [];
    let exact = 0;
    for (let i = 0; i < panics; i += 1) {
      await page.evaluate(() => window.futuresLab.testing.armPanic());
      const broken = await run();
      failed.push(broken.ms);
      if (!/BrokenThreadPool/.test(broken.error ?? "")) console.log(`${name}: panic ${i + 1} did not break the run`);
      const started = await page.evaluate(
        () =>
          new Promise((resolve) => {
            // First the badge says the pool broke, then that the new one started.
            let broke = false;
            const poll = () => {
              const text = document.querySelector('[data-testid="pool-badge"]')?.textContent ?? "";
              broke ||= /panicked/.test(text);
              const ms = /up in (\d+) ms/.exec(text);
              if (broke && ms) resolve(Number(ms[1]));
              else setTimeout(poll, 20);
            };
            poll();
          }),
      );
      rebuilt.push(started);
      const again = await run();
      if (JSON.stringify(again.results) === JSON.stringify(EXPECTED)) exact += 1;
    }
    const info = await page.evaluate(() => window.futuresLab.info());
    console.log(
      `${name}: ${panics} panics; the broken run failed in median ${median(failed).toFixed(0)} ms ` +
        `(${Math.min(...failed).toFixed(0)}–${Math.max(...failed).toFixed(0)}); the new pool of ${info.threads} ` +
        `came up in median ${median(rebuilt)} ms (${Math.min(...rebuilt)}–${Math.max(...rebuilt)}); ` +
        `${exact}/${panics} runs on it exact; wasm memory ${(info.wasm_memory_bytes / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await close();
  }
}
