// Settings for coi-serviceworker.js, the script right after this one in
// index.html (inlined) and the tutorial pages. On a host that cannot send COOP/COEP (GitHub Pages), its
// service worker adds them to every response, and the page reloads once so
// that they apply: then it is cross-origin isolated and has threads.
//
// The reload never loops: it happens at most once per tab session (a
// sessionStorage mark), only once the service worker is active, and not at
// all where the mark cannot be kept. Where the service worker cannot help
// (service workers blocked, a frame in a page that is not isolated), the page
// stays as it is and says that it runs without threads.
(() => {
  const MARK = "futures-lab:coi-reloaded";
  const storage = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  })();
  const read = () => {
    try {
      return storage ? storage.getItem(MARK) : "unusable";
    } catch {
      return "unusable";
    }
  };
  if (window.crossOriginIsolated) {
    // Isolated now: a later loss of the worker (cleared site data) may
    // reload once again.
    try {
      storage?.removeItem(MARK);
    } catch {}
  }
  window.coi = {
    // The same headers as the README asks of a host.
    coepCredentialless: () => false,
    quiet: true,
    doReload: () => {
      if (read() !== null) return;
      try {
        storage.setItem(MARK, "1");
      } catch {
        return;
      }
      navigator.serviceWorker.ready.then(() => window.location.reload());
    },
  };
})();
