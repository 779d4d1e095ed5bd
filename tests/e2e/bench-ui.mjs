// Benchmark of the page itself (prints figures; asserts nothing about speed):
// time from navigation to futuresLab.ready, then main-thread long tasks
// (PerformanceObserver 'longtask') and the frame rate while the page shows a
// run of 10,000 futures live (rows, timeline, summary), started with Run;
// the frame rate scrubbing its replay; the cost of one trivial future
// through futuresLab.run, beside the native runner's for the same scenario;
// and the long tasks while Compare and Amdahl run on the same futures.
// Usage: node tests/e2e/bench-ui.mjs [futures] [n per task] [max_workers]
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

import { openBrowser } from "./browser.mjs";
import { PlaygroundPage } from "./playground-page.mjs";

const futures = Number(process.argv[2] ?? 10_000);
const n = Number(process.argv[3] ?? 300_000);
const maxWorkers = Number(process.argv[4] ?? 2);
const browser = await openBrowser();
try {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  // Catch window.futuresLab as the page installs it, to stamp the moment
  // its `ready` resolves (performance.now() counts from navigation).
  await page.addInitScript(() => {
    Object.defineProperty(window, "futuresLab", {
      configurable: true,
      set(api) {
        Object.defineProperty(window, "futuresLab", { value: api, writable: true, configurable: true });
        api.ready.then(() => { window.__futuresLabReadyAt = performance.now(); });
      },
    });
  });
  await playground.goto();
  await playground.ready();
  const readyMs = await page.evaluate(async () => {
    await window.futuresLab.ready;
    await new Promise((resolve) => setTimeout(resolve, 0));
    return window.__futuresLabReadyAt;
  });
  console.log(`time from navigation to futuresLab.ready: ${readyMs.toFixed(0)} ms`);

  const inputs = Array.from({ length: futures }, (_, k) => n + k).join(",");
  await playground.chooseWorkload("cpu_bound");
  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(maxWorkers);
  await playground.setInputs(inputs);
  await page.evaluate(() => {
    window.__bench = { longTasks: [], frames: 0, gaps: [], running: true, paints: 0, paced: false };
    // A view update: the timeline canvas is cleared and painted again.
    const clear = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (...args) {
      if (window.__bench.running && this.canvas.closest?.("[data-testid=timeline]")) window.__bench.paints += 1;
      return clear.apply(this, args);
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__bench.longTasks.push(entry.duration);
    }).observe({ type: "longtask" });
    let last = performance.now();
    const frame = (now) => {
      if (!window.__bench.running) return;
      window.__bench.frames += 1;
      window.__bench.paced ||= document.querySelector("[data-testid=live-pace]") !== null;
      window.__bench.gaps.push(now - last);
      last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    window.__bench.start = performance.now();
  });
  await playground.run();
  await playground.waitForRun();
  const bench = await page.evaluate(() => {
    window.__bench.running = false;
    return { ...window.__bench, end: performance.now() };
  });
  const seconds = (bench.end - bench.start) / 1000;
  const gaps = [...bench.gaps].sort((a, b) => a - b);
  const pct = (p) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * p))] ?? 0;
  const total = bench.longTasks.reduce((a, b) => a + b, 0);
  console.log(`run of ${futures} futures shown live: ${seconds.toFixed(2)} s from Run to the summary (wall ${await playground.wallTimeText()})`);
  console.log(`frames: ${bench.frames} → ${(bench.frames / seconds).toFixed(1)} fps; frame gap p50 ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms, max ${gaps.at(-1)?.toFixed(1)} ms`);
  console.log(`timeline repaints: ${bench.paints} (${(bench.paints / seconds).toFixed(1)} per second; ${bench.paced ? "paced to leave every CPU to the workers" : "every frame"})`);
  console.log(`main-thread long tasks (>50 ms): ${bench.longTasks.length}, total ${total.toFixed(0)} ms, longest ${Math.max(0, ...bench.longTasks).toFixed(0)} ms`);
  const rows = await page.getByTestId("future-row").count();
  const lanes = await page.locator("[data-testid=timeline] canvas").getAttribute("data-lanes");
  console.log(`shown: ${rows} rows, ${lanes} timeline lanes`);

  // Scrubbing the replay: drag across the timeline, the views rebuilt at
  // every position from the trace.
  const canvas = page.getByTestId("timeline").locator("canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const plotLeft = box.x + Math.min(150, Math.max(64, box.width * 0.22));
  const plotRight = box.x + box.width - 10;
  await page.evaluate(() => {
    window.__scrub = { frames: 0, gaps: [], longTasks: [], going: true };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__scrub.longTasks.push(entry.duration);
    }).observe({ type: "longtask" });
    let last = performance.now();
    const frame = (now) => {
      if (!window.__scrub.going) return;
      window.__scrub.frames += 1;
      window.__scrub.gaps.push(now - last);
      last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    window.__scrub.start = performance.now();
  });
  await page.mouse.move(plotLeft, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(plotRight, box.y + 30, { steps: 120 });
  await page.mouse.up();
  const scrub = await page.evaluate(() => {
    window.__scrub.going = false;
    return { ...window.__scrub, end: performance.now() };
  });
  const scrubSeconds = (scrub.end - scrub.start) / 1000;
  const scrubGaps = [...scrub.gaps].sort((a, b) => a - b);
  const events = (await page.getByTestId("player-status").textContent()).match(/event \d+ \/ (\d+)/)?.[1];
  console.log(`scrubbing the replay of ${events} events (120 positions): ${scrubSeconds.toFixed(2)} s, ${(scrub.frames / scrubSeconds).toFixed(1)} fps, frame gap p50 ${scrubGaps[Math.floor(scrubGaps.length / 2)]?.toFixed(1)} ms, p95 ${scrubGaps[Math.floor(scrubGaps.length * 0.95)]?.toFixed(1)} ms; long tasks ${scrub.longTasks.length}, longest ${Math.max(0, ...scrub.longTasks).toFixed(0)} ms`);

  // One future's cost: 10,000 trivial futures (cpu_bound of 0, nothing to
  // compute) submitted and collected with as_completed on 6 threads, through
  // futuresLab.run with its trace and report; median of 5. The report's
  // wall time runs from the first submit to the last result; the call's
  // adds building and handing over the report.
  const trivial = `workload=cpu_bound&executor=threads&max_workers=6&api=submit_as_completed&inputs=${Array(10_000).fill(0).join(",")}`;
  const perFuture = await page.evaluate(async (query) => {
    const walls = [];
    const calls = [];
    for (let i = 0; i < 6; i++) {
      const began = performance.now();
      const report = await window.futuresLab.run(query);
      calls.push(performance.now() - began);
      walls.push(report.wall_ms);
    }
    const median = (values) => values.slice(1).sort((a, b) => a - b)[2];
    return { wall: median(walls), call: median(calls) };
  }, trivial);
  const us = (ms) => (ms * 1000 / 10_000).toFixed(2);
  console.log(`one future in the browser (10,000 trivial futures, 6 threads, as_completed; median of 5 after a warm-up): ${us(perFuture.wall)} µs from first submit to last result, ${us(perFuture.call)} µs through futuresLab.run with its report`);
  const native = new URL("../../target/release/futures-lab", import.meta.url).pathname;
  if (existsSync(native)) {
    const walls = [];
    for (let i = 0; i < 6; i++) {
      const report = JSON.parse(execFileSync(native, ["run", "--scenario", trivial], { maxBuffer: 1 << 28 }));
      walls.push(report.wall_ms);
    }
    const nativeWall = walls.slice(1).sort((a, b) => a - b)[2];
    console.log(`the same natively (futures-lab run): ${us(nativeWall)} µs per future; browser ÷ native ${(perFuture.wall / nativeWall).toFixed(2)}×`);
  } else {
    console.log("the same natively: target/release/futures-lab not built (cargo build --release -p futures-lab-scenarios), no comparison");
  }

  // Compare and Amdahl on the same 10,000 futures (small sums, so that each
  // series takes seconds): the page's long tasks from the click until the
  // series' table is complete.
  for (const [name, button] of [["Compare", "Compare every executor"], ["Amdahl", "Amdahl: run on 1…N workers"]]) {
    await playground.goto();
    await playground.ready();
    await playground.chooseWorkload("cpu_bound");
    await playground.chooseExecutor("threads");
    await playground.setMaxWorkers(maxWorkers);
    await playground.setInputs(Array.from({ length: futures }, (_, k) => 3_000 + k).join(","));
    await page.evaluate(() => {
      window.__series = { longTasks: [] };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__series.longTasks.push(entry.duration);
      }).observe({ type: "longtask" });
      window.__series.start = performance.now();
    });
    await page.getByRole("button", { name: button }).click();
    await page.waitForFunction(() => {
      const e = document.querySelector("[data-testid=experiment]");
      return e && !e.textContent.includes("…") && e.querySelectorAll("tbody tr").length > 0;
    }, null, { timeout: 600_000 });
    const series = await page.evaluate(() => ({ ...window.__series, end: performance.now() }));
    const runs = await page.getByTestId("experiment").locator("tbody tr").count();
    const total = series.longTasks.reduce((a, b) => a + b, 0);
    console.log(`${name} of ${futures} futures (${runs} runs, ${((series.end - series.start) / 1000).toFixed(1)} s): main-thread long tasks (>50 ms): ${series.longTasks.length}, total ${total.toFixed(0)} ms, longest ${Math.max(0, ...series.longTasks).toFixed(0)} ms`);
  }
  if (browser.problems.length) console.log(browser.problems.join("\n"));
} finally {
  await browser.close();
}
