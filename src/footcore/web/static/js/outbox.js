// Requests waiting to reach the server, kept in localStorage so that nothing is lost when
// the connection drops or the page is closed. They are sent in order; the server stores
// each session, item and run once (keyed by the client's ids), so sending again is safe.
const KEY = "footcore.outbox";
let sending = false;
const listeners = new Set();

// The page's CSRF token, read at each send (after a reload or a new sign-in, the new one).
function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute("content") : "";
}

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || "[]");
  } catch (e) {
    return [];
  }
}

function save(queue) {
  localStorage.setItem(KEY, JSON.stringify(queue));
}

export function pending() {
  return load().length;
}

export function onChange(fn) {
  listeners.add(fn);
}

function notify(status, detail) {
  listeners.forEach((fn) => fn(status, detail));
}

export function enqueue(method, url, body, tag) {
  const queue = load();
  queue.push({ method: method, url: url, body: body, tag: tag || null });
  save(queue);
  return flush();
}

// Send what waits, oldest first. Stops at the first network failure or server error and
// tries again later (when "online" fires, or on the next timer).
export async function flush() {
  if (sending) return;
  sending = true;
  try {
    for (;;) {
      const queue = load();
      if (!queue.length) {
        notify("sent");
        return;
      }
      const entry = queue[0];
      let response;
      try {
        response = await fetch(entry.url, {
          method: entry.method,
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "x-csrf-token": csrfToken(),
          },
          body: JSON.stringify(entry.body),
          credentials: "same-origin",
        });
      } catch (e) {
        notify("offline", queue.length);
        return;
      }
      if (response.status >= 500) {
        notify("offline", queue.length);
        return;
      }
      if (response.status === 401 || response.status === 403) {
        // Signed out, or the page's token is stale: keep the entries for after signing in
        // again (the next page load carries a fresh token) rather than lose them.
        notify("signed-out", queue.length);
        return;
      }
      let answer = null;
      try {
        answer = await response.json();
      } catch (e) {
        answer = null;
      }
      const rest = load();
      rest.shift();
      save(rest);
      if (response.ok) {
        notify("delivered", { tag: entry.tag, answer: answer });
      } else {
        const message = answer && answer.error ? answer.error.message : "HTTP " + response.status;
        notify("refused", { tag: entry.tag, message: message });
      }
    }
  } finally {
    sending = false;
  }
}

window.addEventListener("online", () => flush());
setInterval(() => {
  if (load().length) flush();
}, 15000);
