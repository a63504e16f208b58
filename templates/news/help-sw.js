// Where to get help, with no connection (docs/offline.md). Caches only the help pages, the
// browse-safely page, the stylesheet and the quick-exit script: it fetches them without
// cookies, stores nothing about the reader and sets no cookie. Every other request is left
// to the browser.
const CACHE = "help-pages-v1";
const URLS = {{ urls|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(Promise.all(URLS.map(refresh)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith("help-pages-") && n !== CACHE).map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!URLS.includes(url.pathname)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        // The copy kept for offline is fetched again without cookies, never this answer.
        if (request.mode === "navigate") event.waitUntil(refresh(url.pathname));
        return response;
      })
      .catch(() =>
        caches
          .match(url.pathname, { cacheName: CACHE, ignoreVary: true })
          .then((found) => found || Response.error()),
      ),
  );
});

function refresh(path) {
  return fetch(path, { credentials: "omit", cache: "no-cache" })
    .then((response) => {
      if (!response.ok) return undefined;
      return caches.open(CACHE).then((cache) => cache.put(path, response));
    })
    .catch(() => undefined);
}
