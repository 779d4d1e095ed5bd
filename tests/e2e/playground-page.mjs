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
    await this.page.getByRole("button", { name: "Run" }).click();
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
