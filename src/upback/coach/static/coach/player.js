// The guided player: one technique at a time, with countdowns, a rep counter, rests between sets,
// a progress bar, quiet beeps, optional spoken cues and a screen wake lock. Every item is saved
// the moment it is done or skipped, so closing the tab keeps what was done.
// The steps come from the server (core/session_steps.py) in <script type="application/json">.
(() => {
  "use strict";

  const root = document.getElementById("player");
  const source = document.getElementById("session-data");
  if (!root || !source) return;
  let data;
  try {
    data = JSON.parse(source.textContent);
  } catch (error) {
    return;
  }
  const steps = data.steps || [];
  const items = data.items || [];
  if (!steps.length || !items.length) return;

  const $ = (id) => document.getElementById(id);
  const el = {
    stage: $("player-stage"),
    done: $("player-done"),
    doneTitle: $("player-done-title"),
    progress: $("player-progress"),
    progressLabel: $("player-progress-label"),
    kicker: $("player-kicker"),
    name: $("player-name"),
    dose: $("player-dose"),
    now: $("player-now"),
    label: $("player-label"),
    detail: $("player-detail"),
    timer: $("player-timer"),
    counter: $("player-counter"),
    count: $("player-count"),
    countOf: $("player-count-of"),
    hint: $("player-hint"),
    next: $("player-next"),
    back: $("player-back"),
    pause: $("player-pause"),
    skip: $("player-skip"),
    sound: $("player-sound"),
    speech: $("player-speech"),
    speechLabel: $("player-speech-label"),
    steps: $("player-steps"),
    cautions: $("player-cautions"),
    announce: $("player-announce"),
    save: $("player-save"),
  };
  const speed = Math.min(100, Math.max(1, parseInt(root.dataset.speed, 10) || 1));
  const csrfInput = root.querySelector('input[name="csrfmiddlewaretoken"]');
  const csrf = csrfInput ? csrfInput.value : "";

  // ---- preferences ---------------------------------------------------------------------------
  function loadPref(key, fallback) {
    try {
      const value = window.localStorage.getItem(key);
      return value === null ? fallback : value === "1";
    } catch (error) {
      return fallback;
    }
  }
  function savePref(key, value) {
    try {
      window.localStorage.setItem(key, value ? "1" : "0");
    } catch (error) {
      /* private mode: the choice lasts for this page only */
    }
  }
  const prefs = {
    sound: loadPref("upback.player.sound", true),
    speech: loadPref("upback.player.speech", false),
  };

  // ---- the plan of steps -----------------------------------------------------------------------
  const firstStepOf = items.map((_, i) => steps.findIndex((s) => s.item === i));
  const before = [];
  let total = 0;
  for (const step of steps) {
    before.push(total);
    total += step.estimate || 0;
  }
  total = total || 1;

  const state = {
    index: 0,
    remaining: 0,
    count: 0,
    paused: false,
    item: -1,
    finished: false,
    breath: -1,
    last: performance.now(),
  };

  // ---- sound, speech, announcements ---------------------------------------------------------
  let audio = null;
  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context || audio) return;
    try {
      audio = new Context();
    } catch (error) {
      audio = null;
    }
  }
  document.addEventListener("pointerdown", unlockAudio, { capture: true });
  document.addEventListener("keydown", unlockAudio, { capture: true });

  function beep(frequency = 660, ms = 150, volume = 0.05) {
    if (!prefs.sound || !audio) return;
    if (audio.state === "suspended") audio.resume();
    const start = audio.currentTime + 0.01;
    const end = start + ms / 1000;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = "sine";
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(volume, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, end);
    osc.connect(gain).connect(audio.destination);
    osc.start(start);
    osc.stop(end + 0.02);
  }
  const TONES = { rest: 440, switch: 550, ready: 520, done: 784 };

  const canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
  function speak(text) {
    if (!prefs.speech || !canSpeak) return;
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  let announceTimer = 0;
  function announce(text, { spoken = true } = {}) {
    window.clearTimeout(announceTimer);
    el.announce.textContent = "";
    announceTimer = window.setTimeout(() => {
      el.announce.textContent = text;
    }, 60);
    if (spoken) speak(text);
  }

  // ---- screen wake lock ----------------------------------------------------------------------
  let wakeLock = null;
  async function keepAwake() {
    if (!("wakeLock" in navigator) || state.finished || document.visibilityState !== "visible") {
      return;
    }
    try {
      wakeLock = await navigator.wakeLock.request("screen");
    } catch (error) {
      wakeLock = null;
    }
  }
  function letSleep() {
    if (wakeLock) wakeLock.release().catch(() => {});
    wakeLock = null;
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") keepAwake();
  });

  // ---- saving each item as it happens --------------------------------------------------------
  const queue = [];
  let flushing = null;
  function showSave(text) {
    if (el.save) el.save.textContent = text;
  }
  function flush() {
    if (flushing) return flushing;
    flushing = (async () => {
      while (queue.length) {
        const job = queue[0];
        try {
          const response = await fetch(job.url, {
            method: "POST",
            credentials: "same-origin",
            keepalive: true,
            headers: {
              Accept: "application/json",
              "Content-Type": "application/x-www-form-urlencoded",
              "X-CSRFToken": csrf,
            },
            body: "status=" + encodeURIComponent(job.status),
          });
          if (response.status >= 500) throw new Error("server " + response.status);
          queue.shift();
          if (response.redirected || (!response.ok && response.status !== 409)) {
            // Logged out, or the safety state changed in another tab: the page must reload.
            showSave("This could not be saved. Please reload the page.");
          } else if (!queue.length) {
            showSave("");
          }
        } catch (error) {
          showSave("Not saved yet: trying again in a moment.");
          window.setTimeout(flush, 3000);
          return;
        }
      }
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }
  function record(index, status) {
    const item = items[index];
    item.status = status;
    const badge = document.getElementById("status-" + item.order);
    if (badge) {
      badge.textContent = status === "done" ? "Done" : "Skipped";
      badge.dataset.status = status;
    }
    // A break routine saves nothing per item: finishing it records the break (see breaks.js).
    if (!item.record_url) return;
    queue.push({ url: item.record_url, status });
    flush();
  }

  // The finish page asks about each exercise done, so wait (briefly) for the last saves to land
  // before going there; after a few seconds go anyway: the server keeps whatever arrives.
  const finishLink = document.getElementById("player-finish");
  if (finishLink) {
    finishLink.addEventListener("click", (event) => {
      if (!queue.length) return;
      event.preventDefault();
      showSave("Saving…");
      const timeout = new Promise((resolve) => window.setTimeout(resolve, 4000));
      Promise.race([flush(), timeout]).then(() => {
        window.location.assign(finishLink.href);
      });
    });
  }

  // ---- showing a step -------------------------------------------------------------------------
  function clock(seconds) {
    const whole = Math.max(0, Math.ceil(seconds));
    const minutes = Math.floor(whole / 60);
    const rest = String(whole % 60).padStart(2, "0");
    return minutes + ":" + rest;
  }

  function fillList(list, lines) {
    list.replaceChildren(
      ...lines.map((line) => {
        const li = document.createElement("li");
        li.textContent = line;
        return li;
      }),
    );
  }

  function showItem(index) {
    const item = items[index];
    state.item = index;
    el.kicker.textContent = item.kind;
    el.kicker.hidden = !item.kind;
    el.name.textContent = item.name;
    el.dose.textContent = item.dose;
    el.dose.hidden = !item.dose;
    fillList(el.steps, item.steps);
    fillList(el.cautions, item.cautions);
    for (const li of root.querySelectorAll(".player-list li[data-order]")) {
      if (Number(li.dataset.order) === item.order) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    }
    // The item's moving picture beside the countdown; an item without one gives the timer the room.
    let pictured = false;
    for (const figure of root.querySelectorAll("[data-figure-for]")) {
      figure.hidden = Number(figure.dataset.figureFor) !== item.order;
      pictured = pictured || !figure.hidden;
    }
    el.stage.classList.toggle("has-figure", pictured);
  }

  const NEXT_LABEL = { ready: "Start now", rest: "Skip rest", switch: "Ready" };

  function showStep() {
    const step = steps[state.index];
    el.now.dataset.kind = step.kind;
    el.stage.dataset.step = String(state.index);
    el.stage.dataset.kind = step.kind;
    const reps = step.kind === "reps";
    el.counter.hidden = !reps;
    el.timer.hidden = reps;
    el.next.hidden = !(step.kind in NEXT_LABEL);
    el.next.textContent = NEXT_LABEL[step.kind] || "";
    el.hint.textContent = step.hint || "";
    el.hint.hidden = !step.hint;
    showCount();
    showTime();
    const remaining = total - before[state.index];
    const minutes = Math.max(1, Math.round(remaining / 60));
    el.progressLabel.textContent =
      "Exercise " + (step.item + 1) + " of " + items.length + " · about " + minutes + " min left";
  }

  function showCount() {
    const step = steps[state.index];
    if (step.kind === "reps") {
      el.label.textContent = step.label;
      el.detail.textContent = step.detail;
      el.count.textContent = String(state.count);
      el.countOf.textContent = "of " + step.count + " " + step.unit;
    }
  }

  function showTime() {
    const step = steps[state.index];
    if (step.kind === "reps") return;
    if (step.kind === "paced") {
      const per = step.seconds_per_count || 1;
      const elapsed = Math.max(0, step.seconds - state.remaining);
      const breath = Math.min(step.count, Math.floor(elapsed / per) + 1);
      const breathingIn = elapsed % per < per / 2;
      const phase = breath * 2 + (breathingIn ? 0 : 1);
      el.label.textContent = breathingIn ? "Breathe in" : "Breathe out";
      el.detail.textContent =
        "Breath " + breath + " of " + step.count + (step.detail ? " · " + step.detail : "");
      if (phase !== state.breath && state.breath !== -1) beep(breathingIn ? 392 : 330, 120, 0.025);
      state.breath = phase;
    } else {
      el.label.textContent = step.label;
      el.detail.textContent = step.detail;
    }
    el.timer.textContent = clock(state.remaining);
    showProgress();
  }

  function showProgress() {
    const step = steps[state.index];
    let part = 0;
    if (step.kind === "reps") part = step.count ? state.count / step.count : 0;
    else if (step.seconds) part = 1 - state.remaining / step.seconds;
    const value = before[state.index] + Math.min(1, Math.max(0, part)) * (step.estimate || 0);
    el.progress.max = Math.round(total);
    el.progress.value = Math.round(value);
  }

  function inStage(node) {
    return node && node !== document.body && el.stage.contains(node);
  }
  function isHidden(node) {
    return !node || node.hidden || node.offsetParent === null;
  }

  function enter(index, { cue = true, focus = "keep" } = {}) {
    const focused = document.activeElement;
    const hadFocus = inStage(focused);
    state.index = Math.max(0, Math.min(index, steps.length - 1));
    const step = steps[state.index];
    state.remaining = step.seconds || 0;
    state.count = 0;
    state.breath = -1;
    const newItem = step.item !== state.item;
    if (newItem) showItem(step.item);
    showStep();
    if (cue) {
      const item = items[step.item];
      let lead = "";
      if (newItem) {
        lead = "Exercise " + (step.item + 1) + " of " + items.length;
        lead += step.kind === "ready" ? ". " : ": " + item.name + ". ";
      }
      announce(lead + step.cue);
      beep(TONES[step.kind] || 660);
    }
    // Keep keyboard focus on a visible control that makes sense for this step.
    const lost = focus === "primary" || (hadFocus && isHidden(document.activeElement));
    if (lost || (hadFocus && focused === el.next && step.kind === "reps")) {
      const target = step.kind === "reps" ? el.counter : step.kind in NEXT_LABEL ? el.next : el.pause;
      target.focus({ preventScroll: true });
    }
  }

  function goToItem(index, options) {
    if (index >= items.length) return finishAll();
    enter(firstStepOf[index], options);
  }

  function advance() {
    const step = steps[state.index];
    const nextIndex = state.index + 1;
    if (nextIndex >= steps.length || steps[nextIndex].item !== step.item) {
      record(step.item, "done");
    }
    if (nextIndex >= steps.length) return finishAll();
    enter(nextIndex);
  }

  function finishAll() {
    state.finished = true;
    el.progress.value = el.progress.max = Math.round(total);
    el.progressLabel.textContent =
      items.length === 1 ? "Exercise 1 of 1" : "All " + items.length + " exercises";
    el.stage.hidden = true;
    el.done.hidden = false;
    for (const li of root.querySelectorAll(".player-list li[aria-current]")) {
      li.removeAttribute("aria-current");
    }
    letSleep();
    beep(TONES.done, 150);
    window.setTimeout(() => beep(TONES.done * 1.25, 180), 180);
    announce(data.done_announce || "Well done: that is the whole routine. Next, two quick questions.");
    el.doneTitle.focus({ preventScroll: false });
    root.dispatchEvent(new CustomEvent("player:finished", { bubbles: true }));
  }

  // ---- controls --------------------------------------------------------------------------------
  function setPaused(paused) {
    if (state.finished) return;
    state.paused = paused;
    el.pause.textContent = paused ? "Resume" : "Pause";
    el.stage.classList.toggle("is-paused", paused);
    state.last = performance.now();
    announce(paused ? "Paused." : "Carrying on.", { spoken: false });
  }
  function togglePause() {
    setPaused(!state.paused);
  }

  function countRep() {
    const step = steps[state.index];
    if (state.finished || step.kind !== "reps") return;
    if (state.paused) setPaused(false);
    state.count += 1;
    showCount();
    showProgress();
    el.counter.classList.remove("is-tapped");
    void el.counter.offsetWidth; // restart the little tap animation
    el.counter.classList.add("is-tapped");
    if (state.count >= step.count) {
      advance();
    } else {
      beep(880, 60, 0.03);
      announce(String(state.count), { spoken: false });
    }
  }

  function back() {
    if (state.finished) return;
    let index = state.index - 1;
    while (index > 0 && (steps[index].kind === "rest" || steps[index].kind === "switch")) index -= 1;
    enter(Math.max(0, index));
  }

  function skip() {
    if (state.finished) return;
    const index = steps[state.index].item;
    record(index, "skipped");
    const next = index + 1;
    if (next < items.length) {
      announce("Skipped " + items[index].name + ".", { spoken: false });
      goToItem(next);
    } else {
      finishAll();
    }
  }

  el.counter.addEventListener("click", countRep);
  el.next.addEventListener("click", () => {
    if (state.paused) setPaused(false);
    advance();
  });
  el.back.addEventListener("click", back);
  el.pause.addEventListener("click", togglePause);
  el.skip.addEventListener("click", skip);

  el.sound.checked = prefs.sound;
  el.sound.addEventListener("change", () => {
    prefs.sound = el.sound.checked;
    savePref("upback.player.sound", prefs.sound);
    if (prefs.sound) {
      unlockAudio();
      beep();
    }
  });
  if (canSpeak) {
    el.speech.checked = prefs.speech;
    el.speech.addEventListener("change", () => {
      prefs.speech = el.speech.checked;
      savePref("upback.player.speech", prefs.speech);
      if (prefs.speech) speak(steps[state.index].cue);
      else window.speechSynthesis.cancel();
    });
  } else {
    el.speechLabel.hidden = true;
  }

  // Space pauses and resumes, unless a control has focus (then it does what that control does).
  document.addEventListener("keydown", (event) => {
    if (state.finished || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key !== " " && event.key !== "Spacebar") return;
    const target = event.target;
    if (target.closest && target.closest("button, a, input, select, textarea, summary")) return;
    event.preventDefault();
    togglePause();
  });

  // Before leaving for the finish page, make sure every item has been saved.
  for (const link of document.querySelectorAll('a[href="' + data.finish_url + '"]')) {
    link.addEventListener("click", async (event) => {
      if (!queue.length) return;
      event.preventDefault();
      await flush();
      window.location.assign(link.href);
    });
  }

  // ---- the clock -------------------------------------------------------------------------------
  function tick() {
    const now = performance.now();
    const elapsed = ((now - state.last) / 1000) * speed;
    state.last = now;
    if (state.finished || state.paused) return;
    const step = steps[state.index];
    if (step.kind === "reps") return;
    state.remaining -= elapsed;
    if (state.remaining <= 0) advance();
    else showTime();
  }

  // ---- start -----------------------------------------------------------------------------------
  root.classList.add("js");
  if (data.start_item >= items.length) {
    el.stage.hidden = true;
    el.done.hidden = false;
    state.finished = true;
    return;
  }
  el.stage.hidden = false;
  goToItem(data.start_item, { focus: "primary" });
  // On a small screen, bring the timer and its controls into view under the site header.
  const controls = root.querySelector(".player-controls");
  if (controls && controls.getBoundingClientRect().bottom > window.innerHeight) {
    el.stage.scrollIntoView({ block: "start" });
  }
  keepAwake();
  window.setInterval(tick, 50);
})();
