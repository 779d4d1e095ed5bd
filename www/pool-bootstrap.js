// Builds futures-lab's worker pool off the page's main thread, grows it as
// runs need more threads, and builds a new one when a panic breaks it. This
// worker joins the page's module instance as one more thread (same module,
// same shared memory), builds the rayon pool here, where waiting on a lock is
// allowed (on the main thread it is not: a contended lock there throws), and
// has the pool's Web Workers started. It stays alive as long as the page.
//
// The rayon pool has every thread a run may ask for from the start, but a
// thread runs only once a Web Worker has taken it: the page starts with the
// workers its default scenario needs (so it is ready in a fraction of the
// time 34 workers take on two cores) and asks for more before a run that
// needs them (`futures-lab:pool-grow`). Threads not taken yet wait in the
// pool's channel; rayon hands work only to the threads that run.
//
// The pool's workers are not this worker's children: Firefox (ESR 153) blocks
// a worker's `new Worker` for good once other workers it started wait on
// shared memory, which each pool worker does as soon as it is up; 3 to 10 of
// 10 starts stalled so. So each is a `RelayedWorker`: the page
// (src/runtime/relayed_worker.rs) starts the real worker and joins the two
// through a MessageChannel.
class RelayedWorker extends EventTarget {
  #port;

  constructor(url, generation) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    port1.onmessage = ({ data }) => this.dispatchEvent(new MessageEvent("message", { data }));
    self.postMessage({ type: "futures-lab:relay-worker", url: String(url), generation, port: port2 }, [port2]);
  }

  postMessage(data, transfer) {
    this.#port.postMessage(data, transfer ?? []);
  }
}

const workerScript = new URL("pool-worker.js", import.meta.url);

function answer(worker, type) {
  return new Promise((resolve) =>
    worker.addEventListener("message", function heard({ data }) {
      if (data?.type !== type) return;
      worker.removeEventListener("message", heard);
      resolve(data);
    }),
  );
}

let pkg;
let init;
// The pool in use: its generation (0, then one more for each pool built
// after a panic), the channel its threads wait in, and how many workers have
// taken one.
let pool;

// Builds the `generation`th pool of `threads` threads (the one it replaces
// ends), none of them running yet.
function buildPool(threads, generation) {
  const builder = new pkg.PoolBuilder(threads);
  try {
    builder.build();
    pool = { generation, threads, receiver: builder.receiver(), started: 0 };
  } finally {
    builder.free();
  }
}

// Starts workers until `wanted` threads of the pool run (at most all of
// them), each waiting until it has taken its thread.
async function startWorkers(wanted) {
  const workerInit = { ...init, type: "futures-lab:pool-worker-init", receiver: pool.receiver };
  const more = Math.max(0, Math.min(wanted, pool.threads) - pool.started);
  await Promise.all(
    Array.from({ length: more }, () => {
      const worker = new RelayedWorker(workerScript, pool.generation);
      const ready = answer(worker, "futures-lab:pool-worker-ready");
      worker.postMessage(workerInit);
      return ready;
    }),
  );
  pool.started += more;
}

// One request at a time: a growth waits for the build before it, a
// rebuild for the growth before it.
let queue = Promise.resolve();

// The module's JavaScript, loading since the page told where it is (as it
// starts, see www/pool-ahead.js), before the module itself is up.
let loading;

self.addEventListener("message", ({ data }) => {
  if (data?.type === "futures-lab:pool-load") {
    loading ??= import(data.mainJS);
    loading.catch(() => {});
    return;
  }
  if (data?.type === "futures-lab:pool-init") {
    init = { mainJS: data.mainJS, module: data.module, memory: data.memory };
  }
  queue = queue.then(() => handle(data));
});

async function handle(data) {
  const kind = data?.type;
  if (kind === "futures-lab:pool-grow") {
    try {
      await startWorkers(data.threads);
      self.postMessage({ type: "futures-lab:pool-grown", generation: pool.generation, threads: pool.started });
    } catch (error) {
      self.postMessage({ type: "futures-lab:pool-grow-failed", message: String(error) });
    }
    return;
  }
  if (kind !== "futures-lab:pool-init" && kind !== "futures-lab:pool-rebuild") return;
  const generation = data.generation ?? 0;
  try {
    if (!pkg) {
      pkg = await (loading ?? import(init.mainJS));
      pkg.initSync({ module: init.module, memory: init.memory });
    }
    // A pool built after a panic: the broken one's free workers end first,
    // and the new one starts with as many workers as the broken one had.
    const workers = pool?.started ?? data.workers;
    if (generation > 0) pkg.retirePool();
    buildPool(data.threads, generation);
    await startWorkers(workers);
    self.postMessage({ type: "futures-lab:pool-ready", generation, threads: pool.started });
  } catch (error) {
    self.postMessage({ type: "futures-lab:pool-failed", generation, message: String(error) });
  }
}
