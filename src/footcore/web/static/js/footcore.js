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

  document.addEventListener("DOMContentLoaded", openWide);
  document.addEventListener("DOMContentLoaded", printButtons);
  document.addEventListener("htmx:configRequest", dropEmpty);
})();
