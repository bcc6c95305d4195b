// The colour theme chosen on this browser (system, light or dark; the footer's switch),
// applied before the page is drawn: loaded without defer at the top of <head>, so that a
// dark page never flashes light. "system" (or nothing stored) follows prefers-color-scheme.
(function () {
  "use strict";
  var choice = null;
  try {
    choice = window.localStorage.getItem("footcore.theme");
  } catch (e) {
    choice = null; /* storage refused: follow the system */
  }
  if (choice === "light" || choice === "dark") {
    document.documentElement.setAttribute("data-theme", choice);
  }
})();
