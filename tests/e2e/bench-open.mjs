// Benchmark of opening CPython traces on the page (prints figures; asserts
// nothing about speed): traces a program of N trivial futures with
// python/futures_lab_trace.py (a thread pool's submit + as_completed), then
// times futuresLab.show(text) on the page from the call until it is drawn,
// with the page's main-thread long tasks meanwhile, and the frame rate
// scrubbing its replay.
// Usage: node tests/e2e/bench-open.mjs [futures,…] (default 1000,10000,100000)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { openBrowser } from "./browser.mjs";
import { PlaygroundPage } from "./playground-page.mjs";

const sizes = (process.argv[2] ?? "1000,10000,100000").split(",").map(Number);
const tracer = new URL("../../python/futures_lab_trace.py", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "futures-lab-open-"));

function trace(futures) {
  const program = join(dir, `program_${futures}.py`);
  writeFileSync(
    program,
    [
      "from concurrent.futures import ThreadPoolExecutor, as_completed",
      "with ThreadPoolExecutor(max_workers=4) as pool:",
      `    futures = [pool.submit(pow, i, 2) for i in range(${futures})]`,
      "    total = sum(f.result() for f in as_completed(futures))",
      "print(total)",
    ].join("\n") + "\n",
  );
  const report = join(dir, `report_${futures}.json`);
  const started = process.hrtime.bigint();
  execFileSync("python3", [tracer, "-o", report, program], { stdio: ["ignore", "ignore", "inherit"] });
  const tracedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { text: readFileSync(report, "utf8"), tracedMs };
}

const browser = await openBrowser();
try {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  await playground.goto();
  await playground.ready();
  console.log("futures   trace size   traced in   show() until drawn   longest main-thread task   scrub fps");
  for (const futures of sizes) {
    const { text, tracedMs } = trace(futures);
    // The text is handed to the page first: passing 50 MB through the
    // test's own channel is a long task of its own, not the page's.
    await page.evaluate((text) => {
      window.__benchText = text;
    }, text);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const figures = await page.evaluate(async () => {
      const text = window.__benchText;
      delete window.__benchText;
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: "longtask" });
      const started = performance.now();
      await window.futuresLab.show(text);
      const shownMs = performance.now() - started;
      // Scrub the replay: the slider from start to end over 60 frames.
      const slider = document.querySelector("[data-testid=player] input[type=range]");
      let frames = 0;
      const scrubStarted = performance.now();
      for (let step = 0; step <= 60; step += 1) {
        slider.value = String((Number(slider.max) * step) / 60);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        frames += 1;
      }
      const fps = frames / ((performance.now() - scrubStarted) / 1000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      return { shownMs, longest: Math.max(0, ...longTasks), fps };
    });
    console.log(
      `${String(futures).padStart(7)}   ${(text.length / 1e6).toFixed(1).padStart(7)} MB   ${tracedMs.toFixed(0).padStart(6)} ms   ` +
        `${figures.shownMs.toFixed(0).padStart(12)} ms   ${figures.longest.toFixed(0).padStart(18)} ms   ${figures.fps.toFixed(0).padStart(8)}`,
    );
  }
} finally {
  await browser.close();
}
