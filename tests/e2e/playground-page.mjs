// The page object of the playground: what a person does, by role and label.

export class PlaygroundPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /** Opens the playground, with an optional scenario query (`?executor=threads...`). */
  async goto(query = "") {
    await this.page.goto(`${this.baseUrl}/${query}`);
    await this.page.waitForFunction(() => window.futuresLab !== undefined);
  }

  /** Waits for the worker pool and returns futuresLab.info(). */
  async ready() {
    await this.page.evaluate(() => window.futuresLab.ready);
    return this.page.evaluate(() => window.futuresLab.info());
  }

  badge() {
    return this.page.getByTestId("pool-badge");
  }

  async chooseWorkload(id) {
    await this.page.getByLabel("Workload").selectOption(id);
  }

  /** Picks a classic example; returns what it says to look for. */
  async choosePreset(id) {
    await this.page.getByTestId("preset").selectOption(id);
    return this.page.getByTestId("lesson").textContent();
  }

  /** A workload statistic shown in the summary, as a number. */
  async stat(name) {
    return Number(await this.page.getByTestId(`stat-${name}`).locator("dd").textContent());
  }

  /** The ids in one of the orders (`submitted`, `completed`, `results`). */
  async order(which) {
    return (await this.page.getByTestId(`order-${which}`).locator("td.order").allTextContents()).map(Number);
  }

  async chooseExecutor(id) {
    await this.page.getByLabel("Executor").selectOption(id);
  }

  async setMaxWorkers(value) {
    await this.page.getByLabel("max_workers").fill(String(value));
  }

  async setInputs(text) {
    await this.page.getByLabel(/^Inputs/).fill(text);
  }

  async run() {
    await this.page.getByRole("button", { name: "Run", exact: true }).click();
  }

  /** Waits until the summary of a finished run is shown. */
  async waitForRun() {
    await this.page.getByTestId("wall-time").waitFor({ timeout: 60_000 });
  }

  async wallTimeText() {
    return this.page.getByTestId("wall-time").textContent();
  }

  /** Every future row: its state, worker and result as shown. */
  async futureRows() {
    return this.page.getByTestId("future-row").evaluateAll((rows) =>
      rows.map((row) => ({
        state: row.dataset.state,
        input: row.cells[1].textContent,
        worker: row.cells[3].textContent,
        result: row.cells[5].dataset.full,
      })),
    );
  }

  /** The timeline canvas: its lanes, whether it shows a GIL strip, and the
   *  alpha values along one pixel row at `y` (CSS px) across the plot's middle. */
  async timeline(y = 30) {
    return this.page.getByTestId("timeline").locator("canvas").evaluate((canvas, y) => {
      const ratio = canvas.width / canvas.clientWidth;
      const context = canvas.getContext("2d");
      const whole = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < whole.length; i += 4) if (whole[i]) painted++;
      const from = Math.round(canvas.width * 0.45);
      const line = context.getImageData(from, Math.round(y * ratio), Math.round(canvas.width * 0.1), 1).data;
      const alphas = [];
      for (let i = 3; i < line.length; i += 4) alphas.push(line[i]);
      return { lanes: Number(canvas.dataset.lanes), gil: canvas.dataset.gil === "true", painted, alphas };
    }, y);
  }

  /** Points at the timeline (x as a fraction of its width, y in CSS px) and
   *  returns the tooltip's text. */
  async pointAtTimeline(xFraction, y) {
    const canvas = this.page.getByTestId("timeline").locator("canvas");
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await this.page.mouse.move(box.x + box.width * xFraction, box.y + y);
    const tip = this.page.getByTestId("timeline-tip");
    await tip.waitFor();
    return tip.textContent();
  }

  /** The error message shown, or null. */
  async errorText() {
    const alert = this.page.getByRole("alert");
    return (await alert.count()) ? alert.textContent() : null;
  }

  /** futuresLab.run(scenario) in the page: { report } or { error }. */
  async apiRun(scenario) {
    return this.page.evaluate(async (s) => {
      try {
        return { report: await window.futuresLab.run(s) };
      } catch (error) {
        return { error: String(error.message ?? error), isError: error instanceof Error };
      }
    }, scenario);
  }
}

/** sum(i * i for i in range(n)), exactly, as the page shows it. */
export function sumOfSquares(n) {
  const big = BigInt(n);
  return ((big - 1n) * big * (2n * big - 1n) / 6n).toString();
}
