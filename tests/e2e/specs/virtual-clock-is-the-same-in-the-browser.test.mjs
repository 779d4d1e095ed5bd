import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

// The report native `simulate` gives for this scenario, checked in by
// crates/scenarios/tests/virtual_clock.rs.
const FIXTURE = new URL("../../../crates/scenarios/tests/fixtures/virtual_download_report.json", import.meta.url);
const SCENARIO = "workload=download&inputs=a.example@120,b.invalid@10,c.example,d.example@80,e.example&executor=threads&max_workers=2&api=wait&return_when=FIRST_EXCEPTION&seed=3";

test("futuresLab.simulate gives the native report, field for field, every time", async () => {
  const native = JSON.parse(await readFile(FIXTURE, "utf8"));
  const simulate = () => playground.page.evaluate((s) => window.futuresLab.simulate(s, 2), SCENARIO);
  const first = await simulate();
  assert.deepEqual(first, native);
  assert.deepEqual(await simulate(), first);
  assert.equal(first.mode, "virtual");
  assert.equal(first.wait.reason, "FIRST_EXCEPTION");
});

test("futuresLab.simulate names what the virtual clock does not play yet", async () => {
  const error = await playground.page.evaluate(async () => {
    try {
      await window.futuresLab.simulate("workload=cpu_bound&executor=threads");
      return null;
    } catch (e) {
      return String(e.message);
    }
  });
  assert.match(error, /does not run cpu_bound yet/);
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
