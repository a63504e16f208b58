// The staff entry screens offline (docs/offline.md). Registered once per screen with that
// screen's URL as its scope, so it controls those screens and no other admin page. It keeps
// copies of the screens and of the files they load; the queued records themselves live in
// IndexedDB, written by static/js/offline-queue.js. Signing out deletes this cache.
const CACHE = "staff-screens-v1";
const SCREENS = {{ screens|safe }};
const STATIC = {{ static_prefix|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(Promise.all(SCREENS.map(keep)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

// The page lists the files it loaded (scripts, styles, the admin's catalogue), so they are
// there the first time the screen opens with no connection.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "keep") {
    event.waitUntil(Promise.all(event.data.urls.map(keep)));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, true));
  } else if (url.pathname.startsWith(STATIC) || url.pathname.endsWith("/jsi18n/")) {
    event.respondWith(networkFirst(request, false));
  }
});

function keep(url) {
  return fetch(url, { credentials: "same-origin", redirect: "manual" })
    .then((response) => store(url, response))
    .catch(() => undefined);
}

function store(request, response) {
  // Only whole answers: never a redirect to the sign-in page or an error.
  if (response.ok && response.type === "basic" && !response.redirected) {
    const copy = response.clone();
    return caches.open(CACHE).then((cache) => cache.put(request, copy)).then(() => response);
  }
  return Promise.resolve(response);
}

function networkFirst(request, isPage) {
  return fetch(request)
    .then((response) => store(request, response))
    .catch(() =>
      caches
        .match(request, { cacheName: CACHE, ignoreSearch: isPage, ignoreVary: true })
        .then((found) => found || Response.error()),
    );
}
