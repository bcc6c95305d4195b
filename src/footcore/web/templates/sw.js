// footcore's service worker (served as /sw.js by footcore.web.pages.app_shell, which fills in
// VERSION and SHELL). Scope: the whole site.
//  - The app shell (stylesheets, scripts, icons) is fetched when the worker installs and
//    answered from the cache.
//  - Today, the player (its page and its session), the programme, the library and the
//    exercise pages, the self-tests and their drawings are fetched from the network first;
//    each answer is kept, and given back when the network is gone.
//  - Writes (POST, PUT, PATCH, DELETE) are never touched: the pages' outbox
//    (static/js/outbox.js) keeps them and sends them when the connection returns.
//  - A push (a reminder: footcore reminders send) shows a notification; tapping it opens the
//    page the reminder names (the player, Today) in a footcore window, or a new one.
// The caches are named after VERSION (footcore's version and a hash of the static files), so a
// deploy brings a new worker, which deletes every older footcore cache when it takes over.
"use strict";

const VERSION = "__FOOTCORE_VERSION__";
const SHELL = ["__FOOTCORE_SHELL__"];
const SHELL_CACHE = "footcore-shell-" + VERSION;
const PAGES_CACHE = "footcore-pages-" + VERSION;
const KEEP = [SHELL_CACHE, PAGES_CACHE];
const SHELL_PATHS = new Set(SHELL);

// What is kept for offline use (paths, without the query).
const KEPT = [
  /^\/today$/,
  /^\/play\/[^/]+$/,
  /^\/programme$/,
  /^\/library$/,
  /^\/library\/[^/]+(\/demo\.svg|\/frames\.svg)?$/,
  /^\/self-tests(\/[^/]+)?$/,
  /^\/foot-map\.svg$/,
  /^\/api\/v1\/today(\/[^/]+)?$/,
  /^\/api\/v1\/exercises\/[^/]+\/equivalents$/,
];

// Forms after which the pages kept belong to someone else (or to nobody).
const FORGET_AFTER = new Set(["/sign-in", "/sign-out", "/sign-up", "/settings/delete"]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("footcore-") && !KEEP.includes(name))
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Writes go to the network untouched; after signing in or out, forget the kept pages.
    if (request.method === "POST" && FORGET_AFTER.has(url.pathname)) {
      event.waitUntil(caches.delete(PAGES_CACHE));
    }
    return;
  }
  if (SHELL_PATHS.has(url.pathname) && !url.search) {
    event.respondWith(cacheFirst(request));
  } else if (KEPT.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(networkFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offlinePage()));
  }
});

// Reminders by Web Push: the payload is JSON {title, body, url, tag}, decrypted by the
// browser. The notification opens only a page of this site.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = { body: event.data ? event.data.text() : "" };
  }
  const title = data.title || "footcore";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || "",
      tag: data.tag || "footcore-reminder",
      icon: "/static/img/icon-192.png",
      badge: "/static/img/icon-192.png",
      data: { url: sameSite(data.url) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = sameSite(event.notification.data && event.notification.data.url);
  event.waitUntil(openPage(url));
});

function sameSite(url) {
  try {
    const target = new URL(url || "/today", self.location.origin);
    return target.origin === self.location.origin ? target.href : self.location.origin + "/today";
  } catch (error) {
    return self.location.origin + "/today";
  }
}

async function openPage(url) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin === self.location.origin && "focus" in client) {
      await client.focus();
      return "navigate" in client ? client.navigate(url) : client;
    }
  }
  return self.clients.openWindow(url);
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES_CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) return kept;
    if (request.mode === "navigate") return offlinePage();
    throw error;
  }
  // Only whole, same-site answers are kept (never a redirect to the sign-in page or an error).
  if (response.ok && response.type === "basic" && !response.redirected) {
    cache.put(request, response.clone());
  }
  return response;
}

function offlinePage() {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="color-scheme" content="light dark">' +
    "<title>Offline · footcore</title>" +
    '<script src="/static/js/theme.js"></script>' +
    '<link rel="stylesheet" href="/static/css/footcore.css"></head><body>' +
    '<main id="main" class="wrap"><h1>You are offline</h1>' +
    "<p>This page has not been opened on this device yet, so there is no copy of it here. " +
    "Today, the session player and the library pages you have opened work without a connection; " +
    "sessions you log are sent when it returns.</p>" +
    '<p><a class="button" href="/today">Today</a></p></main></body></html>';
  return new Response(html, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy":
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
      "cache-control": "no-store",
    },
  });
}
