// upback's service worker, part two: records that wait for the network.
//
// Loaded by the worker (the template coach/pwa/sw.js) with importScripts, so it shares its global
// scope: CONFIG, state(), learning and the other helpers come from there. A break taken or an
// item done while offline is kept in IndexedDB with its body and headers, answered with
// 202 {"queued": true}, and sent again in order when the network is back. Both endpoints are
// idempotent, so a record sent twice is stored once.
//
// A record belongs to the person who made it: it is sent only while they are signed in, and
// dropped if someone else signs in on this device. It is dropped too when the server refuses it
// for good (a 4xx other than 401, 403, 408 and 429), and kept on a 5xx or a network error.
"use strict";

const SYNC_TAG = "upback-replay";
// Answers that mean "not now" rather than "never": the record waits for another try.
const TRY_AGAIN = [401, 403, 408, 429];

// ---- IndexedDB: the queue of records and the last state heard --------------------------------
let opening = null;
function database() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open("upback-offline", 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("queue", { keyPath: "id", autoIncrement: true });
        request.result.createObjectStore("state");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        opening = null;
        reject(request.error);
      };
    });
  }
  return opening;
}

async function inStore(name, mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(name, mode);
    const request = work(transaction.objectStore(name));
    transaction.oncomplete = () => resolve(request ? request.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

// ---- records that wait for the network -----------------------------------------------------
const countRecords = () => inStore("queue", "readonly", (store) => store.count());

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

// `held` says why records are still waiting: "network", "sign-in" or "server" (or "").
async function announce(synced, held = "") {
  await tell({ type: "queue", count: await countRecords(), synced, held });
}

async function dropRecord(entry, why) {
  console.warn("upback: dropped a record kept offline (" + why + "):", entry.url, entry.queuedAt);
  await inStore("queue", "readwrite", (store) => store.delete(entry.id));
}

async function adoptRecords(user) {
  const entries = await inStore("queue", "readonly", (store) => store.getAll());
  for (const entry of entries.filter((each) => each.user === null)) {
    await inStore("queue", "readwrite", (store) => store.put({ ...entry, user }));
  }
}

async function dropRecordsNotBy(user) {
  const entries = await inStore("queue", "readonly", (store) => store.getAll());
  for (const entry of entries) {
    if (entry.user !== user) await dropRecord(entry, "it was recorded by someone else on this device");
  }
}

async function keepRecord(request) {
  await learning; // a page's news of who is signed in may still be on its way in
  const now = await state();
  const headers = {};
  for (const name of ["content-type", "accept", "x-csrftoken", "x-requested-with", "hx-request"]) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  const entry = {
    url: request.url,
    headers,
    body: await request.text(),
    user: now.user, // null: nobody heard of yet (see adoptRecords)
    queuedAt: new Date().toISOString(),
  };
  await inStore("queue", "readwrite", (store) => store.add(entry));
  if (self.registration.sync) {
    try {
      await self.registration.sync.register(SYNC_TAG);
    } catch (error) {
      // No Background Sync here: the next page load, "online" event or fetch sends it instead.
    }
  }
  await announce(false);
}

async function sendOrKeep(request) {
  const copy = request.clone();
  // Older records go first, so the server sees them in the order they happened.
  if (await countRecords()) await replay();
  if (!(await countRecords())) {
    try {
      return await fetch(request);
    } catch (error) {
      // Offline: keep it below.
    }
  }
  await keepRecord(copy);
  if (copy.mode === "navigate") return Response.redirect(copy.referrer || CONFIG.offline, 303);
  return new Response(JSON.stringify({ queued: true }), {
    status: 202,
    headers: { "Content-Type": "application/json" },
  });
}

// The CSRF token changes when a person signs in again; use the newest one a page gave us.
function freshHeaders(entry, csrf) {
  const headers = { ...entry.headers };
  if (csrf && headers["x-csrftoken"]) headers["x-csrftoken"] = csrf;
  return headers;
}

function freshBody(entry, csrf) {
  if (!csrf || !(entry.headers["content-type"] || "").includes("application/x-www-form-urlencoded")) {
    return entry.body;
  }
  const fields = new URLSearchParams(entry.body);
  if (fields.has("csrfmiddlewaretoken")) fields.set("csrfmiddlewaretoken", csrf);
  return fields.toString();
}

let replaying = null;
function replay() {
  if (!replaying) replaying = replayAll().finally(() => (replaying = null));
  return replaying;
}

function replaySoon() {
  return countRecords()
    .then((count) => (count ? replay() : 0))
    .catch(() => 0);
}

async function replayAll() {
  const now = await state();
  const entries = await inStore("queue", "readonly", (store) => store.getAll());
  let sent = 0;
  let held = "";
  for (const entry of entries) {
    if (entry.user !== now.user) {
      if (now.user) {
        await dropRecord(entry, "it was recorded by someone else on this device");
        continue;
      }
      held = "sign-in"; // nobody is signed in: it waits for the person who made it
      break;
    }
    let response;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        credentials: "same-origin",
        headers: freshHeaders(entry, now.csrf),
        body: freshBody(entry, now.csrf),
      });
    } catch (error) {
      held = "network"; // still offline: try again later, in the same order
      break;
    }
    const landed = new URL(response.url).pathname;
    if (response.redirected && landed.startsWith(CONFIG.login)) {
      held = "sign-in"; // signed out: wait until they sign in again
      break;
    }
    if (response.redirected && CONFIG.refusals.includes(landed)) {
      await dropRecord(entry, "upback is holding exercises after the safety check");
      continue;
    }
    if (response.ok) {
      await inStore("queue", "readwrite", (store) => store.delete(entry.id));
      sent += 1;
      continue;
    }
    if (response.status >= 500 || TRY_AGAIN.includes(response.status)) {
      held = response.status === 401 ? "sign-in" : "server";
      break;
    }
    await dropRecord(entry, "the server answered " + response.status);
  }
  const left = await countRecords();
  await announce(sent > 0 && left === 0, left ? held : "");
  return left;
}
