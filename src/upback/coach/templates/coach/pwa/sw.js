// upback's service worker: the app keeps working when the network goes.
//
// - The static shell (our CSS and scripts, htmx, icons) and an offline page are kept at install.
// - Pages a person opened recently (library, player, breaks, Today, Plan) are fetched from the
//   network first; when the network fails, the copy kept on this device is shown instead, and
//   any other page shows the offline page. Only the last CONFIG.maxPages pages are kept.
// - Exercise pictures (a technique's moving figure and its numbered steps) seen online are kept
//   too, so the player and the library still show them offline; they are forgotten whenever the
//   person or their care state changes, and never shown to a stopped person.
// - A break taken or an exercise marked done while offline is kept in IndexedDB and answered with
//   202 {"queued": true}, so the page carries on; it is sent, in order, when the network is back.
//
// Safety and privacy come first:
// - Every kept page is labelled with the person it was shown to and their care state (read from
//   <meta name="upback-user"> and <meta name="upback-care">). A kept page is shown only to the
//   same person in the same care state, so a gentle-only person never sees a full list from
//   before, and nobody sees someone else's pages.
// - While the last care state heard is "stopped" (a warning sign in the safety check), no kept
//   exercise page is ever served, and they are deleted the moment the stop is heard.
// - Logging out deletes every kept page. Queued records belong to whoever made them: they are
//   sent only for that person and dropped if someone else signs in on this device.
// - Nothing from the account, data, report, sign-in or admin pages is ever kept, nor any answer
//   to a POST.
"use strict";

const CONFIG = {{ config }};
{% verbatim %}
// The queue of records and IndexedDB, in a file of their own (static/coach/sw-records.js).
importScripts(CONFIG.records);

const SHELL = "upback-shell-" + CONFIG.version;
const PAGES = "upback-pages";
const PICTURES = "upback-pictures";
const TAG_USER = "X-Upback-User";
const TAG_CARE = "X-Upback-Care";
const TAG_TITLE = "X-Upback-Title";
// Marks a page as a kept copy, so its script does not report stale state as if it were live.
const KEPT_META = '<meta name="upback-kept" content="1">';

const patterns = (sources) => sources.map((source) => new RegExp(source));
const PAGE = patterns(CONFIG.pages);
const PICTURE = patterns(CONFIG.pictures);
const EXERCISE = patterns(CONFIG.exercise);
const NEVER = patterns(CONFIG.never);
const QUEUE = patterns(CONFIG.queue);
const matches = (list, url) => list.some((pattern) => pattern.test(url.pathname));

// ---- what the worker last heard: who is signed in, their care state, a CSRF token -----------
let known = null;
async function state() {
  if (!known) {
    const saved = await inStore("state", "readonly", (store) => store.get("me"));
    known = { user: null, care: null, csrf: "", ...(saved || {}) };
  }
  return known;
}

// State changes run one after another, so two pages reporting at once cannot interleave.
let learning = Promise.resolve();
function learn(update) {
  const next = learning.then(() => applyState(update));
  learning = next.catch((error) => console.warn("upback: could not update the offline state", error));
  return next;
}

async function applyState(update) {
  const before = await state();
  const after = { ...before };
  for (const key of ["user", "care", "csrf"]) {
    if (typeof update[key] === "string" && (key !== "csrf" || update[key])) after[key] = update[key];
  }
  const userChanged = after.user !== before.user;
  const careChanged = after.care !== before.care;
  if (!userChanged && !careChanged && after.csrf === before.csrf) return after;
  known = after;
  await inStore("state", "readwrite", (store) => store.put(after, "me"));
  // Pictures are not anyone's data, but what may be shown depends on the care state. Not
  // awaited: nothing waits on it (a stopped person is never shown a kept picture anyway, see
  // picture()), and holding up the state change delayed the queue's count on the page.
  if (userChanged || careChanged) {
    caches.delete(PICTURES).catch((error) => console.warn("upback:", error));
  }
  if (userChanged) {
    await forgetPages(() => true);
    // Records kept before the worker had heard of anyone were made by this first person.
    if (before.user === null && after.user) await adoptRecords(after.user);
    if (after.user) await dropRecordsNotBy(after.user);
  } else if (careChanged) {
    await forgetPages(
      (page) => page.care !== after.care || (after.care === "stopped" && matches(EXERCISE, page.url)),
    );
  }
  return after;
}

function metaContent(html, name) {
  const tag = html.match(new RegExp("<meta[^>]*name=\"" + name + "\"[^>]*>", "i"));
  const content = tag && tag[0].match(/content="([^"]*)"/i);
  return content ? decodeEntities(content[1]) : null;
}

function decodeEntities(text) {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function pageTitle(html) {
  const found = html.match(/<title>([^<]*)<\/title>/i);
  return found ? decodeEntities(found[1]).replace(/\s*·\s*upback\s*$/, "").trim() : "";
}

// ---- kept pages ----------------------------------------------------------------------------
function pageKey(url) {
  const key = new URL(url.href);
  key.hash = "";
  return key.href;
}

function describe(request, response) {
  return {
    url: new URL(request.url),
    user: response.headers.get(TAG_USER) || "",
    care: response.headers.get(TAG_CARE) || "",
    title: decodeURIComponent(response.headers.get(TAG_TITLE) || ""),
  };
}

async function forgetPages(unwanted) {
  const cache = await caches.open(PAGES);
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (!response || unwanted(describe(request, response))) await cache.delete(request);
  }
}

function asKept(html, headers, tags) {
  const kept = new Headers(headers);
  // The body is stored decoded, so the length and encoding of the original no longer apply.
  kept.delete("Content-Length");
  kept.delete("Content-Encoding");
  kept.set(TAG_USER, tags.user);
  kept.set(TAG_CARE, tags.care);
  kept.set(TAG_TITLE, encodeURIComponent(pageTitle(html)));
  const marked = html.replace(/<head>/i, "<head>\n  " + KEPT_META);
  return new Response(marked, { status: 200, statusText: "OK", headers: kept });
}

async function keepPage(url, html, headers, tags) {
  const cache = await caches.open(PAGES);
  const key = pageKey(url);
  await cache.delete(key); // so the newest visit goes to the end of the list
  await cache.put(key, asKept(html, headers, tags));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - CONFIG.maxPages))) {
    await cache.delete(old);
  }
}

// A page fresh from the network: learn who is signed in and their care state, then keep it.
async function afterNavigation(response, url) {
  if (response.type !== "basic" || response.status !== 200) return;
  if (!(response.headers.get("Content-Type") || "").includes("text/html")) return;
  const html = await response.text();
  // The stop page is a stop whatever its meta says.
  const care = url.pathname === CONFIG.stop ? "stopped" : metaContent(html, "upback-care");
  const now = await learn({ user: metaContent(html, "upback-user"), care });
  // Only now, knowing who is signed in, may waiting records go (and only theirs).
  replaySoon();
  await freshOfflinePage(now);
  if (!matches(PAGE, url) || matches(NEVER, url)) return;
  if (/no-store/i.test(response.headers.get("Cache-Control") || "")) return; // the page asked
  if (now.care === "stopped" && matches(EXERCISE, url)) return;
  await keepPage(url, html, response.headers, { user: now.user || "", care: now.care || "" });
}

async function keptPage(url) {
  const now = await state();
  if (!matches(PAGE, url) || (now.care === "stopped" && matches(EXERCISE, url))) return null;
  const cache = await caches.open(PAGES);
  const response = await cache.match(pageKey(url), { ignoreVary: true });
  if (!response) return null;
  const page = describe(new Request(pageKey(url)), response);
  if (page.user !== (now.user || "") || page.care !== (now.care || "")) return null;
  return response;
}

// The pages that would be shown now, newest first, for the list on the offline page.
async function keptList() {
  const now = await state();
  const cache = await caches.open(PAGES);
  const pages = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (!response) continue;
    const page = describe(request, response);
    if (page.user !== (now.user || "") || page.care !== (now.care || "")) continue;
    if (now.care === "stopped" && matches(EXERCISE, page.url)) continue;
    pages.push({ url: page.url.pathname + page.url.search, title: page.title || page.url.pathname });
  }
  return pages.reverse();
}

// The offline page shows the navigation and banner of whoever is signed in, so it is fetched
// again whenever a live page shows that the person or their care state has changed.
async function keepOfflinePage(cache) {
  try {
    const response = await fetch(CONFIG.offline, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) return;
    const html = await response.text();
    const tags = { user: metaContent(html, "upback-user") || "", care: metaContent(html, "upback-care") || "" };
    await cache.put(CONFIG.offline, asKept(html, response.headers, tags));
  } catch (error) {
    // Offline right now: the copy kept before stays.
  }
}

async function freshOfflinePage(now) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(CONFIG.offline);
  const page = kept && describe(new Request(CONFIG.offline), kept);
  if (!page || page.user !== (now.user || "") || page.care !== (now.care || "")) {
    await keepOfflinePage(cache);
  }
}

async function offlinePage() {
  const kept = await caches.match(CONFIG.offline, { cacheName: SHELL });
  return (
    kept ||
    new Response("You are offline. Please try again when you are back online.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    })
  );
}

async function navigate(event, url) {
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    return (await keptPage(url)) || (await offlinePage());
  }
  event.waitUntil(afterNavigation(response.clone(), url).catch((e) => console.warn("upback:", e)));
  return response;
}

// Pages visited before the worker was in charge are fetched once more, so they work offline too.
async function warm(url) {
  if (!matches(PAGE, url) || matches(NEVER, url)) return;
  if (await keptPage(url)) return;
  try {
    const response = await fetch(url.href, { credentials: "same-origin", redirect: "manual" });
    await afterNavigation(response, url);
  } catch (error) {
    // Offline: nothing to keep.
  }
}

async function forgetEverything() {
  await caches.delete(PAGES);
  await caches.delete(PICTURES);
}

// An exercise picture: the network first, keeping a copy; the copy when offline, unless the
// person has been told to stop.
async function picture(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      await (await caches.open(PICTURES)).put(request, copy);
    }
    return response;
  } catch (error) {
    const me = await state();
    if (!me.user || me.care === "stopped") return Response.error();
    const kept = await (await caches.open(PICTURES)).match(request, { ignoreVary: true });
    return kept || Response.error();
  }
}

async function fromShell(request) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    return Response.error();
  }
}

// ---- life cycle and events -----------------------------------------------------------------
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // One missing file must not stop the rest of the shell from being kept.
      await Promise.all(
        CONFIG.shell.map((url) =>
          cache.add(new Request(url, { cache: "no-cache" })).catch((error) => {
            console.warn("upback: could not keep", url, error);
          }),
        ),
      );
      await keepOfflinePage(cache);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("upback-shell-") && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
      await replaySoon();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === CONFIG.logout) {
    event.waitUntil(learn({ user: "" }).then(() => forgetEverything()));
    return;
  }
  if (request.method === "POST" && matches(QUEUE, url)) {
    event.respondWith(sendOrKeep(request));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    // Every page falls back to the offline page; only the PAGE ones are ever kept.
    event.respondWith(navigate(event, url));
  } else if (url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(fromShell(request));
  } else if (matches(PICTURE, url)) {
    event.respondWith(picture(request));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  // A rejection asks the browser to try again later, with its own back-off.
  event.waitUntil(
    replay().then((left) => {
      if (left) throw new Error(left + " records still waiting");
    }),
  );
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const reply = (answer) => event.source && event.source.postMessage(answer);
  let work = Promise.resolve();
  if (message.type === "hello") {
    work = (async () => {
      if (message.live) {
        await freshOfflinePage(await learn({ user: message.user, care: message.care, csrf: message.csrf }));
      }
      reply({ type: "queue", count: await countRecords(), synced: false });
      if (message.live && message.warm) await warm(new URL(message.url));
      await replaySoon();
    })();
  } else if (message.type === "claim") {
    work = self.clients.claim();
  } else if (message.type === "replay") {
    work = replaySoon();
  } else if (message.type === "logout") {
    work = learn({ user: "" }).then(() => forgetEverything());
  } else if (message.type === "kept") {
    work = keptList().then((pages) => reply({ type: "kept", pages }));
  }
  event.waitUntil(work.catch((error) => console.warn("upback:", error)));
});
{% endverbatim %}
