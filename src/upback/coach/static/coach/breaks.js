// The break timer: a countdown to the next movement break while the page is open, an alert when
// it is due (and a notification, if the person allowed them), and the buttons that record what
// they did. Also the little countdown on Today, and the break routine in the guided player.
//
// Every time is worked out from target instants (Date.now() against the next break's time), never
// by counting ticks, so the countdown stays right when the tab sleeps in the background.
// The server sends the working periods as instants, so no time-zone arithmetic happens here; the
// person's zone is used only to show times.
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);

  function readJSON(id) {
    const node = $(id);
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (error) {
      return null;
    }
  }

  // A random (version 4) UUID; crypto.randomUUID needs a secure context, getRandomValues does not.
  function uuid4() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function instant(text) {
    if (!text) return null;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ms;
  }

  function later(a, b) {
    if (a === null || a === undefined) return b === undefined ? null : b;
    if (b === null || b === undefined) return a;
    return Math.max(a, b);
  }

  // "4:05", "1:02:09"
  function clock(ms) {
    const whole = Math.max(0, Math.ceil(ms / 1000));
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const seconds = String(whole % 60).padStart(2, "0");
    if (hours) return hours + ":" + String(minutes).padStart(2, "0") + ":" + seconds;
    return minutes + ":" + seconds;
  }

  function timeIn(ms, zone) {
    const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    try {
      return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: zone }).format(ms);
    } catch (error) {
      return new Intl.DateTimeFormat("en-GB", options).format(ms);
    }
  }

  function dayKey(ms, zone) {
    try {
      return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(ms);
    } catch (error) {
      return new Date(ms).toDateString();
    }
  }

  // "today at 09:00", "tomorrow at 09:00", "on Monday at 09:00" on the person's own clock.
  function whenWords(ms, now, zone) {
    const at = timeIn(ms, zone);
    if (dayKey(ms, zone) === dayKey(now, zone)) return "today at " + at;
    if (dayKey(ms, zone) === dayKey(now + 86400000, zone)) return "tomorrow at " + at;
    let weekday;
    try {
      weekday = new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: zone }).format(ms);
    } catch (error) {
      weekday = new Intl.DateTimeFormat("en-GB", { weekday: "long" }).format(ms);
    }
    return "on " + weekday + " at " + at;
  }

  function csrfFrom(node) {
    const input = node.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  // POST one break. Resolves to {status, body}; status 0 when the network failed.
  async function sendBreak(url, fields, csrf) {
    const body = new URLSearchParams(fields);
    if (csrf && !body.has("csrfmiddlewaretoken")) body.set("csrfmiddlewaretoken", csrf);
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/x-www-form-urlencoded",
          "X-CSRFToken": csrf,
        },
        body: body.toString(),
      });
      let parsed = {};
      try {
        parsed = await response.json();
      } catch (error) {
        parsed = {};
      }
      if (response.redirected) return { status: 401, body: {} };
      return { status: response.status, body: parsed };
    } catch (error) {
      return { status: 0, body: {} };
    }
  }

  // What a saved break means for the person, in words. 202 comes from the service worker when
  // the device is offline: the break is kept on the device and sent when back online.
  // `fields` says what was pressed, so a snooze or a skip is not reported as a break taken.
  function savedWords(result, fields, intervalMs) {
    if (result.status === 201 || result.status === 200) {
      if (fields && fields.outcome === "snoozed") {
        return "Snoozed: upback will remind you again in " + (fields.minutes || "5") + " minutes.";
      }
      if (fields && fields.outcome === "skipped") {
        const minutes = intervalMs ? Math.round(intervalMs / 60000) : null;
        return minutes ? "Skipped. The next break comes in " + minutes + " minutes." : "Skipped.";
      }
      const n = result.body.taken_today;
      return typeof n === "number" ? "Break recorded — " + n + " today." : "Saved.";
    }
    if (result.status === 202) return "Saved on this device; it will sync when you are back online.";
    if (result.status === 400) return "That could not be saved: " + (result.body.error || "please reload the page.");
    if (result.status === 0) return "Not saved yet: upback will try again in a moment.";
    return "That could not be saved. Please reload the page.";
  }

  const FLASH = "upback.breaks.flash";

  // ---- the break timer page ---------------------------------------------------------------------
  function timerPage(root) {
    const data = readJSON("break-data");
    if (!data) return;
    const zone = data.zone;
    const windows = (data.windows || []).map(([s, e]) => [instant(s), instant(e)]);
    const interval = data.interval_ms;
    const activeEvery = data.active_every_ms;
    const routines = data.routines || [];
    const csrf = csrfFrom(root);
    const storeKey = "upback.breaks.timer." + data.owner;

    const el = {
      heading: $("break-heading"),
      countdown: $("break-countdown"),
      countdownLabel: $("break-countdown-label"),
      when: $("break-when"),
      suggestion: $("break-suggestion"),
      kindText: $("break-kind"),
      routineName: $("break-routine-name"),
      routineDose: $("break-routine-dose"),
      start: $("break-start"),
      due: $("break-due"),
      saved: $("break-saved"),
      taken: $("break-taken"),
      takenWords: $("break-taken-words"),
      live: $("break-live"),
      alertSettings: $("break-alert-settings"),
      notify: $("break-notify"),
      notifyStatus: $("break-notify-status"),
      sound: $("break-sound"),
    };

    // What this browser remembers: the server's memory (its session), merged with the page's own
    // (for breaks recorded while offline). Later wins: a later break or snooze only pushes the
    // next break further away.
    const memory = {
      lastBreak: instant(data.memory.last_break),
      lastActive: instant(data.memory.last_active),
      snoozedUntil: instant(data.memory.snoozed_until),
      rotation: data.memory.rotation || 0,
    };
    try {
      const kept = JSON.parse(window.localStorage.getItem(storeKey) || "{}");
      if (typeof kept.lastBreak === "number" && kept.lastBreak > (memory.lastBreak ?? -1)) {
        memory.lastBreak = kept.lastBreak;
        memory.rotation = Number(kept.rotation) || 0;
      }
      memory.lastActive = later(memory.lastActive, kept.lastActive);
      memory.snoozedUntil = later(memory.snoozedUntil, kept.snoozedUntil);
    } catch (error) {
      /* no storage: the server's memory is enough */
    }
    function remember() {
      try {
        window.localStorage.setItem(storeKey, JSON.stringify(memory));
      } catch (error) {
        /* private mode: the server keeps what it received */
      }
    }

    // The same rules as core/breaks.py (BreakTimer.next_break), on instants.
    function windowAt(now) {
      return windows.find(([start, end]) => start <= now && now < end) || null;
    }
    function nextStart(now) {
      const found = windows.find(([start]) => start > now);
      return found ? found[0] : null;
    }
    // How far through the day's rotation of moves: it moves on with each break taken or
    // skipped, and starts again on a new day (BreakTimer.rotation).
    function rotationAt(moment) {
      if (memory.lastBreak === null || dayKey(memory.lastBreak, zone) !== dayKey(moment, zone)) return 0;
      return memory.rotation;
    }
    function kindAt(at, start) {
      const anchor = Math.max(memory.lastActive ?? start, start);
      return at - anchor >= activeEvery ? "active" : "micro";
    }
    function compute(now) {
      const current = windowAt(now);
      if (!current) return { state: "off", nextStart: nextStart(now) };
      const [start, end] = current;
      let due = Math.max(memory.lastBreak ?? start, start) + interval;
      if (memory.snoozedUntil !== null && memory.snoozedUntil > due) due = memory.snoozedUntil;
      if (due >= end) return { state: "done_today", dayEnd: end, nextStart: nextStart(now) };
      return {
        state: now >= due ? "due" : "waiting",
        due,
        kind: kindAt(due, start),
        routine: routines.length ? routines[rotationAt(due) % routines.length] : null,
        start,
      };
    }
    // The kind of break taken now: the due one's, or what it would be if taken now.
    function kindNow(now) {
      const found = compute(now);
      if (found.state === "due" || found.state === "waiting") {
        return found.state === "due" ? found.kind : kindAt(now, found.start);
      }
      return "micro";
    }

    // ---- alerts ----
    let audio = null;
    function unlockAudio() {
      if (audio) return;
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      try {
        audio = new Context();
      } catch (error) {
        audio = null;
      }
    }
    function chime() {
      if (!el.sound || !el.sound.checked || !audio) return;
      if (audio.state === "suspended") audio.resume();
      [523, 659].forEach((frequency, i) => {
        const start = audio.currentTime + 0.02 + i * 0.35;
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = "sine";
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.05, start + 0.05);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
        osc.connect(gain).connect(audio.destination);
        osc.start(start);
        osc.stop(start + 0.65);
      });
    }

    const canNotify = "Notification" in window;
    function showPermission() {
      if (!el.notifyStatus) return;
      if (!canNotify) {
        el.notifyStatus.textContent =
          "This browser cannot show notifications. Keep this page open: the alert appears here.";
        el.notify.hidden = true;
        return;
      }
      const permission = Notification.permission;
      if (permission === "granted") {
        el.notifyStatus.textContent =
          "Notifications are on: upback tells you when a break is due, even when this tab is in the background.";
        el.notify.hidden = true;
      } else if (permission === "denied") {
        el.notifyStatus.textContent =
          "Your browser has blocked notifications for upback. To allow them, change this site's notification setting in your browser. The alert on this page still works.";
        el.notify.hidden = true;
      } else {
        el.notifyStatus.textContent =
          "Notifications are off. Allow them to hear about a break while you work in another window.";
        el.notify.hidden = false;
      }
    }
    function askPermission() {
      if (!canNotify) return;
      try {
        const asked = Notification.requestPermission(showPermission);
        if (asked && typeof asked.then === "function") asked.then(showPermission, showPermission);
      } catch (error) {
        showPermission();
      }
    }
    function notify(title, body) {
      if (!canNotify || Notification.permission !== "granted") return;
      const options = { body, tag: "upback-break" };
      try {
        const note = new Notification(title, options);
        note.onclick = () => {
          window.focus();
          note.close();
        };
      } catch (error) {
        // Phones only show notifications through a service worker.
        if (navigator.serviceWorker && navigator.serviceWorker.getRegistration) {
          navigator.serviceWorker.getRegistration().then((registration) => {
            if (registration) registration.showNotification(title, options);
          });
        }
      }
    }

    let announced = null;
    function say(text) {
      el.live.textContent = "";
      window.setTimeout(() => {
        el.live.textContent = text;
      }, 50);
    }

    // ---- showing it ----
    const baseTitle = document.title;
    function routineWords(found) {
      if (!found.routine) return "";
      if (found.kind === "active") return found.routine.active_names + ", " + found.routine.active_walk;
      return found.routine.name + ": " + found.routine.dose;
    }
    function render() {
      const now = Date.now();
      const found = compute(now);
      root.dataset.state = found.state;
      const due = found.state === "due";
      el.due.hidden = !due;
      document.title = due ? "Break time · " + baseTitle : baseTitle;

      if (found.state === "off" || found.state === "done_today") {
        el.heading.textContent = found.state === "off" ? "Outside your working hours" : "No more breaks today";
        let words = found.state === "off" ? "" : "Your working day ends at " + timeIn(found.dayEnd, zone) + ". ";
        if (found.nextStart) {
          words += "The timer starts again " + whenWords(found.nextStart, now, zone) + ".";
          el.countdownLabel.textContent = "Time until your working day starts";
          el.countdown.textContent = clock(found.nextStart - now);
          el.countdown.hidden = found.nextStart - now > 12 * 3600000;
        } else {
          el.countdown.hidden = true;
        }
        el.when.textContent = words.trim() || "You are outside your working hours.";
        if (el.suggestion) el.suggestion.hidden = true;
        if (el.start) el.start.hidden = true;
        return;
      }

      el.countdown.hidden = false;
      if (el.suggestion) {
        el.suggestion.hidden = !found.routine;
        if (found.routine) {
          const active = found.kind === "active";
          el.kindText.textContent = active
            ? "An active break of " + data.active_minutes + " minutes:"
            : "A micro-break of about a minute:";
          el.routineName.textContent = active ? found.routine.active_names : found.routine.name;
          el.routineDose.textContent = active ? found.routine.active_walk : found.routine.dose;
        }
      }
      if (el.start) {
        el.start.hidden = !found.routine;
        if (found.routine) {
          el.start.href = found.routine.url + "?kind=" + found.kind;
          el.start.textContent = found.kind === "active" ? "Start the active break" : "Start micro-routine";
        }
      }
      if (due) {
        el.heading.textContent = "Time for a movement break";
        el.countdownLabel.textContent = "Your break was due";
        el.countdown.textContent = "Now";
        el.when.textContent = "It was due at " + timeIn(found.due, zone) + ". Stand up, move, then carry on.";
        if (announced !== found.due) {
          announced = found.due;
          const title = found.kind === "active" ? "Time for an active break" : "Time for a movement break";
          const body = routineWords(found) || "Stand up and move for a minute.";
          say(title + ". " + body);
          notify(title, body);
          chime();
        }
      } else {
        el.heading.textContent = "Next break";
        el.countdownLabel.textContent = "Time until your next break";
        el.countdown.textContent = clock(found.due - now);
        el.when.textContent = "At " + timeIn(found.due, zone) + ", your time (" + zone + ").";
      }
    }

    // ---- the buttons ----
    const retries = [];
    function showTaken(count) {
      el.taken.textContent = String(count);
      el.takenWords.textContent = count === 1 ? "break" : "breaks";
    }
    // Presses close together are in flight at once and their answers can come back in any
    // order: only the newest press's answer may change the words and the count on the page.
    let newest = 0;
    async function send(form, fields) {
      const mine = ++newest;
      const result = await sendBreak(form.action, fields, csrf);
      if (mine !== newest && result.status !== 0) return;
      el.saved.textContent = savedWords(result, fields, interval);
      if (result.status === 201 || result.status === 200) {
        if (typeof result.body.taken_today === "number") showTaken(result.body.taken_today);
      } else if (result.status === 202 && fields.outcome === "taken") {
        showTaken(Number(el.taken.textContent || "0") + 1);
      } else if (result.status === 0) {
        // The same client_id goes again, so the break still counts once.
        retries.push([form, fields]);
      }
    }
    for (const form of root.querySelectorAll("form[data-break]")) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const now = Date.now();
        const outcome = form.dataset.break;
        const kind = kindNow(now);
        const fields = {
          outcome,
          kind,
          routine: "",
          client_id: uuid4(),
          at: new Date(now).toISOString(),
        };
        if (outcome === "snoozed") {
          const minutes = Number(form.dataset.minutes || "5");
          fields.minutes = String(minutes);
          memory.snoozedUntil = now + minutes * 60000;
        } else {
          memory.rotation = rotationAt(now) + 1;
          memory.lastBreak = now;
          if (outcome === "taken" && kind === "active") memory.lastActive = now;
          memory.snoozedUntil = null;
        }
        remember();
        announced = null;
        render();
        send(form, fields);
        if (el.due.contains(form) && el.due.hidden) {
          // The pressed button has gone with the alert: keep keyboard focus on the timer.
          el.heading.setAttribute("tabindex", "-1");
          el.heading.focus({ preventScroll: true });
        }
      });
    }
    window.setInterval(() => {
      if (!retries.length || !navigator.onLine) return;
      const [form, fields] = retries.shift();
      send(form, fields);
    }, 5000);

    // ---- start ----
    el.alertSettings.hidden = false;
    showPermission();
    if (el.notify) el.notify.addEventListener("click", askPermission);
    if (el.sound) {
      try {
        el.sound.checked = window.localStorage.getItem("upback.breaks.sound") === "1";
      } catch (error) {
        el.sound.checked = false;
      }
      el.sound.addEventListener("change", () => {
        try {
          window.localStorage.setItem("upback.breaks.sound", el.sound.checked ? "1" : "0");
        } catch (error) {
          /* the choice lasts for this page */
        }
        if (el.sound.checked) {
          unlockAudio();
          chime();
        }
      });
      if (el.sound.checked) {
        document.addEventListener("pointerdown", unlockAudio, { once: true, capture: true });
        document.addEventListener("keydown", unlockAudio, { once: true, capture: true });
      }
    }
    try {
      const flash = window.sessionStorage.getItem(FLASH);
      if (flash) {
        window.sessionStorage.removeItem(FLASH);
        el.saved.textContent = flash;
      }
    } catch (error) {
      /* nothing to show */
    }
    // A break that is already due when the page opens is shown, but not notified again.
    const first = compute(Date.now());
    if (first.state === "due") announced = first.due;
    remember();
    render();
    window.setInterval(render, 1000);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") render();
    });
  }

  // ---- the widget on Today ---------------------------------------------------------------------
  function widget(root) {
    const due = instant(root.dataset.due);
    const countdown = $("break-widget-countdown");
    if (due === null || !countdown) return;
    function render() {
      const left = due - Date.now();
      if (left <= 0) {
        countdown.textContent = ": a break is due now";
      } else {
        countdown.textContent = ", in " + clock(left);
      }
      countdown.hidden = false;
    }
    render();
    window.setInterval(render, 1000);
  }

  // ---- the break routine in the guided player --------------------------------------------------
  function routinePage(root) {
    const data = readJSON("session-data");
    if (!data || !data.break) return;
    const status = $("break-done-status");
    const form = $("break-done-form");
    const csrf = csrfFrom(root);
    const fields = {
      outcome: "taken",
      kind: data.break.kind,
      routine: data.break.routine,
      client_id: uuid4(),
    };
    let sent = false;
    async function record() {
      if (sent) return;
      status.textContent = "Recording your break…";
      fields.at = fields.at || new Date().toISOString();
      const result = await sendBreak(data.break.record_url, fields, csrf);
      if (result.status === 201 || result.status === 200 || result.status === 202) {
        sent = true;
        try {
          window.sessionStorage.setItem(FLASH, savedWords(result, fields));
        } catch (error) {
          /* the break page shows the count anyway */
        }
        window.location.assign(data.finish_url);
        return;
      }
      status.textContent = savedWords(result, fields);
      if (result.status === 0) {
        window.setTimeout(record, 5000);
      } else if (form) {
        // Something else went wrong: offer the plain form, which shows the problem in words.
        form.querySelector('input[name="client_id"]').value = fields.client_id;
        form.hidden = false;
      }
    }
    root.addEventListener("player:finished", record);
  }

  const timer = $("break-timer");
  if (timer) timerPage(timer);
  const small = $("break-widget");
  if (small) widget(small);
  const player = $("player");
  if (player && player.dataset.mode === "break") routinePage(player);
})();
