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

  document.addEventListener("DOMContentLoaded", openWide);
  document.addEventListener("DOMContentLoaded", showCurrentMenuEntry);
  document.addEventListener("DOMContentLoaded", printButtons);
  document.addEventListener("htmx:configRequest", dropEmpty);
})();
