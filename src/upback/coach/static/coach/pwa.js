// upback as an app: registers the service worker (the template coach/pwa/sw.js, served at /sw.js),
// tells it who is signed in and their care state, and shows a quiet status line while offline or
// while records are waiting to be sent. No install nag: an "Install upback" button appears only
// on Today and the account page, and only when the browser offers installing.
(() => {
  "use strict";

  if (!("serviceWorker" in navigator)) return;
  const script = document.currentScript;
  const workerUrl = (script && script.dataset.sw) || "/sw.js";

  function meta(name) {
    const tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : null;
  }
  // A page the worker served from its store says so; its user and care state may be stale, so it
  // must not report them as current.
  const live = meta("upback-kept") !== "1";

  function csrfToken() {
    const cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (cookie) return decodeURIComponent(cookie[1]);
    const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function send(message) {
    const worker = navigator.serviceWorker.controller;
    if (worker) worker.postMessage(message);
  }

  function hello(warm) {
    send({
      type: "hello",
      live,
      warm,
      url: window.location.href,
      user: meta("upback-user"),
      care: meta("upback-care"),
      csrf: csrfToken(),
    });
  }

  // ---- the status line --------------------------------------------------------------------
  const main = document.querySelector("main");
  let line = null;
  if (main) {
    // The live region is there from the start (empty), so screen readers announce its changes.
    line = document.createElement("p");
    line.className = "pwa-status";
    line.setAttribute("role", "status");
    main.prepend(line);
  }
  const onOfflinePage = Boolean(document.getElementById("offline-kept"));
  let waiting = 0;
  let held = "";
  let syncedUntil = 0;
  let clearTimer = 0;

  function records(count) {
    return count === 1 ? "1 record waiting to sync" : count + " records waiting to sync";
  }

  function render() {
    if (!line) return;
    let text = "";
    let mood = "";
    if (!navigator.onLine) {
      mood = "offline";
      if (waiting) text = "Offline — " + records(waiting);
      else if (onOfflinePage) text = ""; // its heading says it already
      else if (!live) text = "Offline — this is the copy kept on this device";
      else text = "Offline — what you record is kept on this device";
    } else if (waiting) {
      mood = "waiting";
      if (held === "sign-in") text = records(waiting) + " — it is sent when you log in again";
      else if (held === "server") text = records(waiting) + " — upback will try again shortly";
      else text = records(waiting) + " — sending now";
    } else if (Date.now() < syncedUntil) {
      mood = "synced";
      text = "Synced — everything recorded offline has been sent";
    }
    if (line.textContent !== text) line.textContent = text;
    line.dataset.mood = mood;
  }

  function showSynced() {
    syncedUntil = Date.now() + 6000;
    window.clearTimeout(clearTimer);
    clearTimer = window.setTimeout(render, 6100);
  }

  // Records still waiting while the browser says it is online: the network may be flaky, or
  // back a moment before the worker can use it. Ask again after 2, 4, 8 ... up to 60 seconds.
  let retryDelay = 2000;
  let retryTimer = 0;
  function retryLater() {
    window.clearTimeout(retryTimer);
    if (!waiting) {
      retryDelay = 2000;
      return;
    }
    if (!navigator.onLine) return;
    retryTimer = window.setTimeout(() => send({ type: "replay" }), retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  // ---- the list of kept pages, on the offline page ----------------------------------------
  function showKept(pages) {
    const section = document.getElementById("offline-kept");
    const list = document.getElementById("offline-kept-list");
    if (!section || !list) return;
    list.replaceChildren(
      ...pages.map((page) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = page.url;
        link.textContent = page.title;
        item.append(link);
        return item;
      }),
    );
    section.hidden = !pages.length;
  }

  navigator.serviceWorker.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === "queue") {
      waiting = Number(message.count) || 0;
      held = message.held || "";
      if (message.synced) showSynced();
      render();
      retryLater();
    } else if (message.type === "kept") {
      showKept(message.pages || []);
    }
  });

  // ---- registering, and talking to the worker ---------------------------------------------
  // Whether the worker saw this page arrive; if not (the first visit, while it was starting), it
  // fetches the page once more to keep a copy.
  const [arrival] = performance.getEntriesByType("navigation");
  const unseen = !(arrival && arrival.workerStart > 0);
  const controlledAtLoad = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    hello(unseen);
    send({ type: "kept" });
  });
  navigator.serviceWorker
    .register(workerUrl)
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // A page that loaded while the worker was still starting is not in its charge yet; ask
      // the worker to take it, so even the first page opened works offline.
      if (!navigator.serviceWorker.controller && registration.active) {
        registration.active.postMessage({ type: "claim" });
      }
    })
    .catch((error) => {
      console.warn("upback: the offline helper could not start", error);
    });
  if (controlledAtLoad) {
    hello(unseen);
    send({ type: "kept" });
  }

  window.addEventListener("online", () => {
    render();
    retryDelay = 2000;
    send({ type: "replay" });
  });
  window.addEventListener("offline", render);
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) hello(false); // back from the back-forward cache: things may have changed
  });
  render();

  // Logging out: the worker forgets every kept page before the next person uses this device.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const action = new URL(form.action, window.location.href);
      if (action.pathname.endsWith("/logout/")) send({ type: "logout" });
    },
    true,
  );

  // ---- installing, only where it makes sense and only when offered --------------------------
  const installHere = /\/(today|account)\/$/.test(window.location.pathname);
  let offer = null;
  let card = null;

  function removeOffer() {
    if (card) card.remove();
    card = null;
    offer = null;
  }

  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault(); // no mini-infobar: the person chooses from the card below
    offer = event;
    if (!installHere || !main || card) return;
    card = document.createElement("section");
    card.className = "card pwa-install";
    card.setAttribute("aria-labelledby", "pwa-install-title");
    const title = document.createElement("h2");
    title.id = "pwa-install-title";
    title.textContent = "upback on this device";
    const text = document.createElement("p");
    text.textContent =
      "Install upback to open it like an app. The library and the routines you opened recently " +
      "work without a connection.";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary";
    button.textContent = "Install upback";
    button.addEventListener("click", async () => {
      if (!offer) return;
      offer.prompt();
      await offer.userChoice.catch(() => null);
      removeOffer();
    });
    card.append(title, text, button);
    main.append(card);
  });
  window.addEventListener("appinstalled", removeOffer);
})();
