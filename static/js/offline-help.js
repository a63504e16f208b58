// Lets the help pages, the hotline and the browse-safely page open with no connection after one
// visit: registers the public service worker (/help-sw.js, docs/offline.md). No cookie, nothing
// about the reader is stored.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/help-sw.js", { scope: "/" }).catch(() => undefined);
  });
}
