// The session player: the steps of a planned session, a countdown for timed work and holds,
// a rep counter, left/right switching, pause, skip and swap, a short feedback form at the
// end. It mirrors footcore.domain.player (the same steps and the same tallies) and keeps
// its state in localStorage under the session's client id, so a reload or a dropped
// connection loses nothing; logs go through the outbox (see outbox.js).
import { now } from "./clock.js";
import { enqueue, flush, onChange, pending } from "./outbox.js";

const RELEASE_S = 2; // seconds of release between two held reps (domain/player.py)
const root = document.getElementById("player");
// The words this script writes, in the page's language (footcore.web.pages.player.player_words).
const WORDS = JSON.parse(root.dataset.words || "{}");
// The session's exercises in the page's language: name, cues, category and why by slug.
const EXERCISES = JSON.parse(root.dataset.exercises || "{}");
function localise(item) {
  return { ...item, ...(EXERCISES[item.exercise] || {}) };
}
function t(key, fields) {
  let text = WORDS[key] || key;
  for (const [name, value] of Object.entries(fields || {})) text = text.split("{" + name + "}").join(String(value));
  return text;
}
const api = root.dataset.api;
const $ = (id) => document.getElementById(id);
const activeKey = "footcore.active." + root.dataset.date + "." + root.dataset.slot;
let state = null;
let wakeLock = null;
let spoken = "";
let spokenPhase = "";
let toldTen = "";

// --- steps (as footcore.domain.player.steps_for) --------------------------------------------

function stepsFor(item) {
  const sides = item.per_side ? ["left", "right"] : [null];
  const out = [];
  for (let set = 1; set <= item.sets; set++) {
    for (const side of sides) {
      const base = { item: item.index, set: set, side: side };
      if (item.duration_s != null) {
        out.push({ ...base, kind: "timed", reps: null, hold: null, seconds: item.duration_s });
      } else if (item.hold_s && (item.reps || 1) === 1) {
        out.push({ ...base, kind: "timed", reps: 1, hold: item.hold_s, seconds: item.hold_s });
      } else if (item.hold_s && item.reps) {
        const seconds = item.reps * item.hold_s + (item.reps - 1) * RELEASE_S;
        out.push({ ...base, kind: "holds", reps: item.reps, hold: item.hold_s, seconds: seconds });
      } else {
        out.push({ ...base, kind: "reps", reps: item.reps || 1, hold: null, seconds: null });
      }
    }
  }
  return out;
}

function allSteps() {
  return state.items.flatMap(stepsFor);
}

function currentStep() {
  return allSteps()[state.stepIndex] || null;
}

function itemOf(step) {
  return state.items.find((i) => i.index === step.item);
}

// --- clock ------------------------------------------------------------------------------------

function elapsed() {
  if (state.status !== "running" && state.status !== "paused") return 0;
  const t = state.pausedSince != null ? state.pausedSince : now();
  return Math.max(0, t - state.stepStarted - state.pausedTotal);
}

function remaining(step) {
  if (!step || step.seconds == null) return null;
  return Math.max(0, step.seconds - elapsed());
}

function holdPosition(step) {
  const period = step.hold + RELEASE_S;
  const t = Math.min(elapsed(), step.seconds);
  const rep = Math.min(Math.floor(t / period), step.reps - 1);
  const into = t - rep * period;
  if (into < step.hold) return { rep: rep + 1, holding: true, left: step.hold - into };
  return { rep: rep + 1, holding: false, left: period - into };
}

// --- state, saved in the browser ----------------------------------------------------------------

function save() {
  localStorage.setItem("footcore.session." + state.clientId, JSON.stringify(state));
  if (state.status === "done") localStorage.removeItem(activeKey);
  else localStorage.setItem(activeKey, state.clientId);
}

function restore() {
  const id = localStorage.getItem(activeKey);
  if (!id) return null;
  try {
    return JSON.parse(localStorage.getItem("footcore.session." + id) || "null");
  } catch (e) {
    return null;
  }
}

function isoNow() {
  return new Date(now() * 1000).toISOString();
}

function newId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return "s-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
}

// --- driving ------------------------------------------------------------------------------------

function begin() {
  state.status = "running";
  state.startedAt = isoNow();
  enqueue("POST", api + "/sessions", {
    client_id: state.clientId,
    date: state.date,
    slot: state.slot,
    source: "guided",
    planned_items: state.items.length,
    planned_minutes: state.minutes,
    started_at: state.startedAt,
  });
  beginStep();
  requestWakeLock();
}

function beginStep() {
  state.stepStarted = now();
  state.pausedTotal = 0;
  state.pausedSince = null;
  state.repCount = 0;
  spoken = "";
  toldTen = "";
  const step = currentStep();
  if (step && (!state.tally || state.tally.index !== step.item)) {
    state.tally = { index: step.item, startedAt: isoNow(), fullBySet: {}, reps: {}, seconds: {} };
  }
  save();
  if (!step) return;
  // A hold step starts holding: say so with the step, not a moment later over it.
  if (step.kind === "holds") spokenPhase = state.stepIndex + ":1:true";
  announce(stepWords(step) + (step.kind === "holds" ? " Hold." : ""));
}

function add(map, side, value) {
  map[side] = Math.round(((map[side] || 0) + value) * 10) / 10;
}

function finishStep(full, reps) {
  const step = currentStep();
  const tally = state.tally;
  const side = step.side || "both";
  if (step.kind === "reps") {
    add(tally.reps, side, reps || 0);
  } else if (step.kind === "holds") {
    let held = step.reps;
    if (!full) {
      const worked = Math.min(elapsed(), step.seconds);
      const period = step.hold + RELEASE_S;
      held = Math.min(Math.floor(worked / period) + (worked % period >= step.hold ? 1 : 0), step.reps);
    }
    add(tally.reps, side, held);
    add(tally.seconds, side, held * step.hold);
  } else {
    add(tally.seconds, side, full ? step.seconds : Math.min(elapsed(), step.seconds));
    if (step.reps) add(tally.reps, side, full ? step.reps : 0);
  }
  if (full) tally.fullBySet[step.set] = (tally.fullBySet[step.set] || 0) + 1;
  state.stepIndex += 1;
  afterStep(step.item);
}

function afterStep(itemIndex) {
  const next = currentStep();
  if (!next || next.item !== itemIndex) closeItem();
  if (!next) {
    state.status = "feedback";
    releaseWakeLock();
    save();
    render();
    $("fb-h").focus();
    return;
  }
  beginStep();
}

function closeItem() {
  const tally = state.tally;
  const item = state.items.find((i) => i.index === tally.index);
  const sides = item.per_side ? 2 : 1;
  const setsDone = Object.values(tally.fullBySet).filter((n) => n >= sides).length;
  const worked =
    Object.values(tally.reps).some((v) => v > 0) || Object.values(tally.seconds).some((v) => v > 0);
  const entry = {
    index: item.index,
    exercise: item.exercise,
    planned: item.planned,
    sets_done: setsDone,
    reps: tally.reps,
    seconds: tally.seconds,
    skipped: !worked,
    started_at: tally.startedAt,
    ended_at: isoNow(),
  };
  state.results = state.results.filter((r) => r.index !== entry.index).concat([entry]);
  state.tally = null;
  save();
  enqueue("POST", api + "/sessions/" + encodeURIComponent(state.clientId) + "/items", entry);
}

function tick() {
  while (state && state.status === "running") {
    const step = currentStep();
    const left = remaining(step);
    if (!step || step.kind === "reps" || left === null || left > 0) break;
    finishStep(true, step.reps);
  }
  render();
}

function done() {
  const step = currentStep();
  if (!step || state.status !== "running") return;
  if (step.kind === "reps") {
    const count = state.repCount > 0 ? state.repCount : step.reps;
    finishStep(count >= step.reps, count);
  } else {
    finishStep(remaining(step) <= 0, null);
  }
  render();
}

function pause() {
  if (state.status === "running") {
    state.status = "paused";
    state.pausedSince = now();
  } else if (state.status === "paused") {
    state.pausedTotal += now() - state.pausedSince;
    state.pausedSince = null;
    state.status = "running";
  }
  save();
  render();
}

function skip() {
  const step = currentStep();
  if (!step || state.status !== "running") return;
  if (!state.tally || state.tally.index !== step.item) {
    state.tally = { index: step.item, startedAt: isoNow(), fullBySet: {}, reps: {}, seconds: {} };
  }
  const steps = allSteps();
  while (state.stepIndex < steps.length && steps[state.stepIndex].item === step.item) {
    state.stepIndex += 1;
  }
  afterStep(step.item);
  render();
}

// --- swapping an item for an equivalent -------------------------------------------------------

async function openSwap() {
  const box = $("swap-box");
  const button = $("swap");
  if (!box.hidden) {
    box.hidden = true;
    button.setAttribute("aria-expanded", "false");
    return;
  }
  const step = currentStep();
  const item = itemOf(step);
  const list = $("swap-list");
  list.textContent = "";
  box.hidden = false;
  button.setAttribute("aria-expanded", "true");
  let options = [];
  try {
    const query = state.equipment.map((e) => "equipment=" + encodeURIComponent(e)).join("&");
    const response = await fetch(api + "/exercises/" + encodeURIComponent(item.exercise) + "/equivalents?" + query);
    options = response.ok ? await response.json() : [];
  } catch (e) {
    const li = document.createElement("li");
    li.textContent = t("swap_offline");
    list.appendChild(li);
    return;
  }
  if (!options.length) {
    const li = document.createElement("li");
    li.textContent = t("swap_none");
    list.appendChild(li);
    return;
  }
  options.slice(0, 4).forEach((ex) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button button--quiet swap-option";
    b.textContent = ex.name + " · " + ex.dose_summary;
    b.addEventListener("click", () => swapTo(item, ex));
    li.appendChild(b);
    list.appendChild(li);
  });
}

function swapTo(old, ex) {
  const dose = ex.dose;
  const item = {
    index: old.index,
    exercise: ex.slug,
    name: ex.name,
    category: ex.category,
    targets: ex.targets,
    targets_text: "",
    foot_map: ex.foot_map,
    cues: ex.cues,
    cautions: [],
    why: t("swapped_why", { name: old.name }),
    sets: Math.max(1, dose.sets || 1),
    reps: dose.reps,
    hold_s: dose.hold_s,
    duration_s: dose.duration_s,
    per_side: !!dose.per_side,
    minutes: old.minutes,
    planned: {
      exercise: ex.slug,
      sets: Math.max(1, dose.sets || 1),
      reps: dose.reps,
      hold_s: dose.hold_s,
      duration_s: dose.duration_s,
      per_side: !!dose.per_side,
      minutes: old.minutes,
      swapped_from: old.exercise,
    },
  };
  state.items = state.items.map((i) => (i.index === old.index ? item : i));
  const steps = allSteps();
  state.stepIndex = steps.findIndex((s) => s.item === old.index);
  state.tally = null;
  $("swap-box").hidden = true;
  $("swap").setAttribute("aria-expanded", "false");
  beginStep();
  render();
  toStage();
}

// --- feedback and the final log ---------------------------------------------------------------

function submitFeedback(event) {
  event.preventDefault();
  const form = event.target;
  const difficulty = form.querySelector("input[name=difficulty]:checked");
  const pain = form.elements.pain.value;
  const note = form.elements.note.value.trim();
  state.feedback = {
    difficulty: difficulty ? Number(difficulty.value) : null,
    pain: pain === "" ? null : Number(pain),
    cramp: form.elements.cramp.checked,
    note: note || null,
    ended_at: isoNow(),
  };
  state.status = "done";
  save();
  const body = {
    client_id: state.clientId,
    date: state.date,
    slot: state.slot,
    source: "guided",
    planned_items: state.items.length,
    planned_minutes: state.minutes,
    started_at: state.startedAt,
    items: state.results,
    feedback: state.feedback,
  };
  enqueue("PUT", api + "/sessions/" + encodeURIComponent(state.clientId), body, "final:" + state.clientId);
  render();
  $("sum-h").focus();
}

function showDecisions(decisions) {
  const list = $("summary-decisions");
  list.textContent = "";
  decisions.forEach((d) => {
    const li = document.createElement("li");
    li.className = "decision decision--" + d.action;
    const chip = document.createElement("span");
    chip.className = "chip chip--" + d.action;
    chip.textContent = WORDS[d.action] || d.action;
    const text = document.createElement("span");
    text.textContent = " " + d.reason;
    li.append(chip, text);
    list.appendChild(li);
  });
}

// --- speech and wake lock ---------------------------------------------------------------------

// Screen readers hear the live region (#announce, aria-live="polite") at a few moments only:
// each new step, each hold and release, and "10 seconds left" in a longer timed step; never
// the count itself. Speech, when chosen, says the same and counts the last three seconds.
function announce(words) {
  $("announce").textContent = words;
  speak(words);
}

function speak(words) {
  if (!$("opt-speak").checked || !("speechSynthesis" in window)) return;
  try {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(words);
    utterance.lang = document.documentElement.lang || "en";
    window.speechSynthesis.speak(utterance);
  } catch (e) {
    /* speech is a nicety */
  }
}

function stepWords(step) {
  const item = itemOf(step);
  const side = step.side ? t(step.side === "left" ? "left_foot_said" : "right_foot_said") + " " : "";
  return item.name + ". " + side + t("set_of", { set: step.set, sets: item.sets }) + ".";
}

async function requestWakeLock() {
  if (!$("opt-wake").checked || !("wakeLock" in navigator)) return;
  try {
    wakeLock = await navigator.wakeLock.request("screen");
  } catch (e) {
    wakeLock = null;
  }
}

function releaseWakeLock() {
  if (wakeLock) wakeLock.release().catch(() => {});
  wakeLock = null;
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && state && state.status === "running") {
    requestWakeLock();
    tick();
  }
});

// --- drawing ------------------------------------------------------------------------------------

function fmt(seconds) {
  const s = Math.ceil(seconds);
  return s >= 60 ? Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0") : String(s);
}

function render() {
  if (!state) return;
  root.dataset.state = state.status;
  $("intro").hidden = state.status !== "ready";
  $("stage").hidden = !(state.status === "running" || state.status === "paused");
  $("feedback").hidden = state.status !== "feedback";
  $("summary").hidden = state.status !== "done";
  const step = currentStep();
  if (!step || $("stage").hidden) return;
  const item = itemOf(step);
  const steps = allSteps();
  $("progress-text").textContent = t("exercise_of", { n: state.items.indexOf(item) + 1, total: state.items.length });
  $("progress-bar").value = state.stepIndex / steps.length;
  if ($("ex-demo").dataset.exercise !== item.exercise) showDrawing(item.exercise);
  if ($("ex-name").textContent !== item.name) {
    $("ex-name").textContent = item.name;
    $("ex-map").src = item.foot_map;
    $("ex-map").alt = item.targets_text ? t("works_on", { targets: item.targets_text }) : t("foot_map");
    $("ex-category").textContent = item.category_label || item.category.replace("-", " ");
    const cues = $("ex-cues");
    cues.textContent = "";
    item.cues.forEach((c) => {
      const li = document.createElement("li");
      li.textContent = c;
      cues.appendChild(li);
    });
    $("ex-why").textContent = item.why.split("Rules:")[0].trim();
  }
  $("ex-side").textContent = t(step.side ? (step.side === "left" ? "left_foot" : "right_foot") : "both_feet");
  $("ex-side").dataset.side = step.side || "both";
  $("ex-set").textContent = t("set_of", { set: step.set, sets: item.sets });
  const paused = state.status === "paused";
  syncDrawing(paused);
  $("pause").textContent = t(paused ? "resume" : "pause");
  $("pause").setAttribute("aria-pressed", paused ? "true" : "false");
  $("done").disabled = paused;
  $("skip").disabled = paused;
  const big = $("big");
  const phase = $("phase");
  if (step.kind === "reps") {
    $("reps-box").hidden = false;
    big.textContent = (state.repCount || 0) + " / " + step.reps;
    phase.textContent = t("reps_tap");
    $("rep-count").textContent = String(state.repCount || 0);
    $("done").textContent = t("done");
  } else {
    $("reps-box").hidden = true;
    const left = remaining(step);
    let count = left;
    if (step.kind === "holds") {
      // The phase is what matters at a glance: hold (or release) and its seconds.
      const pos = holdPosition(step);
      count = pos.left;
      big.textContent = fmt(pos.left);
      phase.textContent = t("hold_phase", { phase: t(pos.holding ? "hold_now" : "release_now"), rep: pos.rep, reps: step.reps, left: Math.ceil(left) });
      const cue = state.stepIndex + ":" + pos.rep + ":" + pos.holding;
      if (!paused && spokenPhase !== cue) {
        spokenPhase = cue;
        announce(t(pos.holding ? "hold_now" : "release_now"));
      }
    } else {
      big.textContent = fmt(left);
      phase.textContent = t(step.hold ? "hold_now" : "keep_going");
      const key = String(state.stepIndex);
      if (!paused && step.seconds >= 20 && left <= 10 && left > 8 && toldTen !== key) {
        toldTen = key;
        announce(t("ten_left"));
      }
    }
    $("done").textContent = t("end_now");
    const whole = Math.ceil(count);
    const key = (step.kind === "holds" ? spokenPhase : String(state.stepIndex)) + ":" + whole;
    if (!paused && whole <= 3 && whole > 0 && spoken !== key) {
      spoken = key;
      speak(String(whole));
    }
  }
  const nextStep = steps.slice(state.stepIndex + 1).find((s) => s.item !== step.item);
  const nextItem = nextStep ? itemOf(nextStep) : null;
  $("next-up").textContent = nextItem ? t("next", { name: nextItem.name }) : t("last");
}

// --- the exercise's drawing ---------------------------------------------------------------------

// The page holds the drawings of the session's exercises; one swapped in comes from its SVG
// file. The animation is SVG's own: pausing the session pauses it too.
function showDrawing(slug) {
  const box = $("ex-demo");
  box.dataset.exercise = slug;
  box.textContent = "";
  const held = [...document.querySelectorAll(".player__drawings template")].find(
    (t) => t.dataset.exercise === slug,
  );
  if (held) {
    box.appendChild(held.content.cloneNode(true));
    syncDrawing(state.status === "paused");
    return;
  }
  fetch("/library/" + encodeURIComponent(slug) + "/demo.svg")
    .then((response) => (response.ok ? response.text() : ""))
    .then((text) => {
      if (!text || box.dataset.exercise !== slug) return;
      const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
      if (svg.nodeName !== "svg") return;
      box.appendChild(document.importNode(svg, true));
      syncDrawing(state.status === "paused");
    })
    .catch(() => {
      /* offline: the words and the foot map still say what to do */
    });
}

function syncDrawing(paused) {
  const svg = $("ex-demo").querySelector("svg.demo-live");
  if (!svg || !svg.pauseAnimations) return;
  if (paused) svg.pauseAnimations();
  else svg.unpauseAnimations();
}

function setSync(status, detail) {
  const sync = $("sync");
  const waiting = pending();
  root.dataset.sync = waiting ? "pending" : "sent";
  if (status === "offline") {
    sync.textContent = t("offline");
  } else if (status === "signed-out") {
    sync.textContent = t("signed_out");
  } else if (status === "refused") {
    sync.textContent = t("not_saved", { message: detail.message });
  } else if (waiting === 0 && state && state.status === "done") {
    sync.textContent = t("saved");
  } else if (waiting === 0) {
    sync.textContent = "";
  }
  if (status === "delivered" && state && detail.tag === "final:" + state.clientId) {
    const answer = detail.answer || {};
    showDecisions(answer.decisions || []);
    $("summary-text").textContent = t("logged", {
      done: state.results.filter((r) => !r.skipped).length,
      total: state.items.length,
    });
    localStorage.removeItem("footcore.session." + state.clientId);
  }
  if (state && state.status === "done" && waiting) {
    $("summary-text").textContent = t("kept");
  }
}

// --- start-up -------------------------------------------------------------------------------------

async function load() {
  const saved = restore();
  if (saved && saved.status !== "done") {
    state = saved;
    $("resume-note").hidden = saved.status === "ready";
  } else {
    const response = await fetch(root.dataset.sessionUrl, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error("could not load the session");
    const session = await response.json();
    state = {
      clientId: newId(),
      date: session.date,
      slot: session.slot,
      minutes: session.minutes,
      equipment: session.equipment,
      items: session.items.map(localise),
      stepIndex: 0,
      status: "ready",
      stepStarted: 0,
      pausedTotal: 0,
      pausedSince: null,
      tally: null,
      results: [],
      repCount: 0,
      startedAt: null,
      feedback: null,
    };
  }
  root.dataset.clientId = state.clientId;
  $("start").disabled = false;
  if (state.status === "running" || state.status === "paused") requestWakeLock();
  render();
  if (state.status === "feedback") $("fb-h").focus();
  if (state.status === "running" || state.status === "paused") toStage();
}

onChange(setSync);
// While a session runs, the stage fills the screen: the page scrolls to it, so that the
// drawing, the count and the Done button are all in view on a phone.
function toStage() {
  $("stage").scrollIntoView({ block: "start" });
  $("ex-name").focus({ preventScroll: true });
}

$("start").addEventListener("click", () => {
  begin();
  render();
  toStage();
});
$("done").addEventListener("click", done);
$("pause").addEventListener("click", pause);
$("skip").addEventListener("click", skip);
$("swap").addEventListener("click", openSwap);
$("rep-plus").addEventListener("click", () => {
  state.repCount = (state.repCount || 0) + 1;
  save();
  render();
});
$("rep-minus").addEventListener("click", () => {
  state.repCount = Math.max(0, (state.repCount || 0) - 1);
  save();
  render();
});
$("feedback-form").addEventListener("submit", submitFeedback);
document.addEventListener("keydown", (event) => {
  if (!state || event.target.closest("input, select, textarea, button")) return;
  if (event.key === " " || event.key === "p") {
    event.preventDefault();
    pause();
  }
});
setInterval(() => {
  if (state && state.status === "running") tick();
}, 200);

load().then(flush).catch((e) => {
  $("sync").textContent = t("load_failed");
  root.dataset.state = "error";
});
