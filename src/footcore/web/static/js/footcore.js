// footcore's own script: small progressive enhancements (every page works without it).
(function () {
  "use strict";

  // Filter panels marked data-open-wide start open on wide screens, where there is room.
  function openWide() {
    if (!window.matchMedia("(min-width: 64rem)").matches) return;
    document.querySelectorAll("details[data-open-wide]").forEach(function (el) {
      el.open = true;
    });
  }

  // Leave "any" choices out of htmx requests, so that addresses stay short and shareable.
  function dropEmpty(event) {
    var data = event.detail.formData;
    if (!data) return;
    var empty = [];
    data.forEach(function (value, key) {
      if (value === "") empty.push(key);
    });
    empty.forEach(function (key) {
      data.delete(key);
    });
  }

  // Buttons marked data-print (the class sheet) print the page; hidden without JavaScript.
  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  // On a phone the menu is one row that scrolls sideways: bring the current page's entry
  // into view, so that where you are is always on screen.
  function showCurrentMenuEntry() {
    var current = document.querySelector(".site-nav a[aria-current='page']");
    var row = current && current.closest("ul");
    if (!row || row.scrollWidth <= row.clientWidth) return;
    var item = current.parentElement;
    row.scrollLeft = Math.max(0, item.offsetLeft - row.offsetLeft - 8);
  }

  // The footer's colour switch (system, light, dark), kept in this browser; theme.js applies
  // the choice before the next page is drawn, this applies it at once.
  function themeSwitch() {
    var box = document.getElementById("theme-switch");
    var select = document.getElementById("theme-choice");
    if (!box || !select) return;
    var stored = null;
    try {
      stored = window.localStorage.getItem("footcore.theme");
    } catch (e) {
      return; /* nowhere to keep the choice: leave the switch hidden */
    }
    select.value = stored === "light" || stored === "dark" ? stored : "system";
    box.hidden = false;
    select.addEventListener("change", function () {
      var value = select.value;
      if (value === "light" || value === "dark") {
        window.localStorage.setItem("footcore.theme", value);
        document.documentElement.setAttribute("data-theme", value);
      } else {
        window.localStorage.removeItem("footcore.theme");
        document.documentElement.removeAttribute("data-theme");
      }
      document.dispatchEvent(new CustomEvent("footcore:theme"));
    });
  }

  // The service worker (/sw.js) keeps the app shell and today's pages for offline use.
  function registerWorker() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* offline use is a nicety: the site works without it */
    });
  }

  // On Today, fetch each session's player (page and session) once, so that the worker keeps
  // them: a session opened for the first time after the connection drops still plays.
  function keepPlayers() {
    if (!navigator.serviceWorker || !navigator.onLine) return;
    var links = document.querySelectorAll("a[data-keep-offline]");
    if (!links.length) return;
    navigator.serviceWorker.ready.then(function () {
      links.forEach(function (link) {
        [link.getAttribute("href"), link.getAttribute("data-keep-offline")].forEach(function (url) {
          if (url) fetch(url, { credentials: "same-origin" }).catch(function () {});
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", themeSwitch);
  document.addEventListener("DOMContentLoaded", keepPlayers);
  window.addEventListener("load", registerWorker);
  document.addEventListener("DOMContentLoaded", openWide);
  document.addEventListener("DOMContentLoaded", showCurrentMenuEntry);
  document.addEventListener("DOMContentLoaded", printButtons);
  document.addEventListener("htmx:configRequest", dropEmpty);
})();
