// Settings: turn reminder notifications on or off on this device (docs/web.md, "Reminders").
// Asks the browser's permission, subscribes with the server's VAPID public key (the
// section's data-vapid-key) through the service worker, and tells the server the
// subscription; off unsubscribes and tells the server too. Without JavaScript, or in a
// browser without Web Push, the buttons stay hidden and the text says why.
(function () {
  "use strict";

  var box = document.getElementById("push-device");
  if (!box) return;
  var status = document.getElementById("push-status");
  var onButton = document.getElementById("push-on");
  var offButton = document.getElementById("push-off");
  var testButton = document.getElementById("push-test");

  // The words this script writes, in the page's language (footcore.web.pages.settings.
  // push_words); the English ones stand in when the page has none.
  var WORDS = JSON.parse(box.dataset.words || "{}");
  function t(key, english, fields) {
    var text = WORDS[key] || english;
    Object.keys(fields || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(fields[name]));
    });
    return text;
  }

  function say(text, state) {
    status.textContent = text;
    if (state) box.dataset.state = state;
  }

  function show(subscribed) {
    onButton.hidden = subscribed;
    offButton.hidden = !subscribed;
    testButton.hidden = !subscribed;
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function send(path, body) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-csrf-token": csrfToken() },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error((data.error && data.error.message) || response.statusText);
        return data;
      });
    });
  }

  // The VAPID public key, base64url, as the bytes pushManager.subscribe wants.
  function keyBytes(text) {
    var padded = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  var supported =
    window.isSecureContext &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window;
  if (!supported) {
    say(
      t(
        "unsupported",
        "This browser cannot show footcore's notifications here (it needs Web Push, and a " +
          "secure address: https or this computer). The calendar feed on the Programme page " +
          "can remind you instead.",
      ),
      "unsupported",
    );
    return;
  }

  function registration() {
    return navigator.serviceWorker.ready;
  }

  function refresh() {
    return registration()
      .then(function (reg) {
        return reg.pushManager.getSubscription();
      })
      .then(function (sub) {
        show(Boolean(sub));
        if (Notification.permission === "denied") {
          say(t("blocked", "Notifications are blocked for footcore in this browser's settings."), "denied");
        } else if (sub) {
          say(t("on", "Notifications are on for this device."), "on");
        } else {
          say(t("off", "Notifications are off for this device."), "off");
        }
      });
  }

  onButton.addEventListener("click", function () {
    onButton.disabled = true;
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") throw new Error(t("not_allowed", "Notifications were not allowed."));
        return registration();
      })
      .then(function (reg) {
        return reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(box.dataset.vapidKey),
        });
      })
      .then(function (sub) {
        return send("/api/v1/push/subscriptions", sub.toJSON());
      })
      .then(refresh)
      .catch(function (error) {
        say(t("on_failed", "Could not turn notifications on: {reason}", { reason: error.message }), "failed");
      })
      .finally(function () {
        onButton.disabled = false;
      });
  });

  offButton.addEventListener("click", function () {
    offButton.disabled = true;
    registration()
      .then(function (reg) {
        return reg.pushManager.getSubscription();
      })
      .then(function (sub) {
        if (!sub) return null;
        var endpoint = sub.endpoint;
        return sub.unsubscribe().then(function () {
          return send("/api/v1/push/unsubscribe", { endpoint: endpoint });
        });
      })
      .then(refresh)
      .catch(function (error) {
        say(t("off_failed", "Could not turn notifications off: {reason}", { reason: error.message }), "failed");
      })
      .finally(function () {
        offButton.disabled = false;
      });
  });

  testButton.addEventListener("click", function () {
    testButton.disabled = true;
    send("/api/v1/push/test")
      .then(function (report) {
        say(
          report.pushes > 0
            ? t("sent", "Sent: the test reminder should appear in a moment.")
            : t("not_delivered", "Not delivered: {reason}", {
                reason: report.failures.join("; ") || t("no_answer", "no device answered"),
              }),
          "tested",
        );
      })
      .catch(function (error) {
        say(t("test_failed", "Could not send a test reminder: {reason}", { reason: error.message }), "failed");
      })
      .finally(function () {
        testButton.disabled = false;
      });
  });

  refresh().catch(function () {
    say(t("no_worker", "The service worker is not running, so notifications cannot be set up here."), "failed");
  });
})();
