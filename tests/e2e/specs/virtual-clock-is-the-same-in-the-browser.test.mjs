import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

// The reports native `simulate` gives for these scenarios, checked in by
// crates/scenarios/tests/virtual_clock.rs.
const FIXTURES = new URL("../../../crates/scenarios/tests/fixtures/", import.meta.url);
const SHARED = [
  ["virtual_download_report.json", "workload=download&inputs=a.example@120,b.invalid@10,c.example,d.example@80,e.example&executor=threads&max_workers=2&api=wait&return_when=FIRST_EXCEPTION&seed=3"],
  ["virtual_gil_report.json", "workload=is_prime&executor=threads&max_workers=3&gil=true&cpus=2&api=map"],
];

test("futuresLab.simulate gives the native report, field for field, every time", async () => {
  for (const [file, scenario] of SHARED) {
    const native = JSON.parse(await readFile(new URL(file, FIXTURES), "utf8"));
    const simulate = () => playground.page.evaluate((s) => window.futuresLab.simulate(s, 2), scenario);
    const first = await simulate();
    assert.deepEqual(first, native, file);
    assert.deepEqual(await simulate(), first, file);
    assert.equal(first.mode, "virtual");
  }
});

test("futuresLab.simulate names what the virtual clock does not play", async () => {
  const refusal = (query) => playground.page.evaluate(async (query) => {
    try {
      await window.futuresLab.simulate(query);
      return null;
    } catch (e) {
      return String(e.message);
    }
  }, query);
  assert.match(await refusal("workload=stream&executor=threads"), /does not run stream: .*use clock=real/);
  // A shared cache plays on a thread pool, not on the event loop.
  assert.equal(await refusal("workload=points&executor=threads"), null);
  assert.match(await refusal("workload=points&executor=asyncio"), /plays points on a plain loop or a thread pool.*use clock=real for asyncio/);
  const cpus = await playground.page.evaluate(async () => {
    try {
      await window.futuresLab.simulate("workload=download", 0);
      return null;
    } catch (e) {
      return String(e.message);
    }
  });
  assert.match(cpus, /^cpus: must be a whole number from 1 to 1024/);
  assert.deepEqual(browser.problems, []);
});
