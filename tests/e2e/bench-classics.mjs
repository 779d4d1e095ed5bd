// The classic comparisons in headless Chromium: prints one JSON object
// {"download": {executor: wall_ms}, "cpu_bound": {...}} (median of runs).
// Usage: node tests/e2e/bench-classics.mjs <sites> <numbers> <workers> [repeats]
import { openPlayground } from "./browser.mjs";

const [sites, numbers, workers, repeats = "3"] = process.argv.slice(2);
const EXECUTORS = {
  sequential: "executor=sequential",
  threads: `executor=threads&max_workers=${workers}`,
  "threads+GIL": `executor=threads&max_workers=${workers}&gil=true`,
  processes: `executor=processes&max_workers=${workers}`,
  asyncio: "executor=asyncio",
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { browser, playground } = await openPlayground();
try {
  const result = {};
  for (const [workload, inputs] of [["download", sites], ["cpu_bound", numbers]]) {
    result[workload] = {};
    for (const [name, query] of Object.entries(EXECUTORS)) {
      const walls = [];
      for (let i = 0; i < Number(repeats); i++) {
        const { report, error } = await playground.apiRun(`workload=${workload}&inputs=${inputs}&${query}`);
        if (error) throw new Error(`${workload} ${name}: ${error}`);
        walls.push(report.wall_ms);
      }
      result[workload][name] = Math.round(median(walls) * 10) / 10;
    }
  }
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
