// One worker of futures-lab's pool. The bootstrap worker (pool-bootstrap.js)
// has the page start it and sends it the module, the shared memory and the
// channel its rayon thread comes through; it joins the module instance as
// one more thread and runs that thread (wasm-bindgen-rayon's
// `wbg_rayon_start_worker`) until its pool ends.
self.addEventListener("message", async function start({ data }) {
  if (data?.type !== "futures-lab:pool-worker-init") return;
  self.removeEventListener("message", start);
  const pkg = await import(data.mainJS);
  const wasm = pkg.initSync({ module: data.module, memory: data.memory });
  self.postMessage({ type: "futures-lab:pool-worker-ready" });
  try {
    pkg.wbg_rayon_start_worker(data.receiver);
    wasm.__wbindgen_thread_destroy();
  } catch (error) {
    // Its pool was replaced after a panic broke it, and this worker was
    // told to leave (src/runtime/rayon_pool.rs): its stack and thread-local
    // storage go back to the shared memory. Anything else is the panic's
    // own trap: that thread's memory stays as it was.
    if (String(error?.message ?? error).includes("futures-lab:leave-pool")) wasm.__wbindgen_thread_destroy();
  } finally {
    self.close();
  }
});
