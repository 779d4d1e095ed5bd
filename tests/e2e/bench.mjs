// Benchmark (prints figures; asserts nothing about speed): the default
// cpu_bound scenario, sequential vs threads (max_workers=2), in headless
// Chromium through futuresLab.run. Usage: node tests/e2e/bench.mjs [repeats]
import { openBrowser } from "./browser.mjs";
import { PlaygroundPage } from "./playground-page.mjs";

const repeats = Number(process.argv[2] ?? 5);
const browser = await openBrowser();
try {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  const navigated = Date.now();
  await playground.goto();
  const info = await playground.ready();
  console.log(`browser: pool of ${info.threads} threads ready ${Date.now() - navigated} ms after navigation`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const walls = {};
  for (const executor of ["sequential", "threads"]) {
    await playground.apiRun(`executor=${executor}&max_workers=2`); // warm-up
    walls[executor] = [];
    for (let i = 0; i < repeats; i++) {
      const { report, error } = await playground.apiRun(`executor=${executor}&max_workers=2`);
      if (error) throw new Error(error);
      walls[executor].push(report.wall_ms);
      if (i === 0) console.log(`browser: pool start ${report.pool.start_ms.toFixed(1)} ms`);
    }
    console.log(`browser ${executor.padEnd(10)} wall ms: ${walls[executor].map((w) => w.toFixed(1)).join(", ")}  median ${median(walls[executor]).toFixed(1)}`);
  }
  const ratio = median(walls.threads) / median(walls.sequential);
  console.log(`browser threads/sequential ratio: ${ratio.toFixed(2)} (speed-up ${(1 / ratio).toFixed(2)}x)`);
} finally {
  await browser.close();
}
