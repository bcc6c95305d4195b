// The exercise drawings' animations are SVG's own and play without script; this adds a
// button to pause and play each one. People who ask for reduced motion see the still
// frames instead (the stylesheet), and their animations are paused here as well.
const still = window.matchMedia("(prefers-reduced-motion: reduce)");

for (const demo of document.querySelectorAll("[data-demo]")) {
  const svg = demo.querySelector("svg.demo-live");
  const button = demo.querySelector("[data-demo-pause]");
  if (!svg || !button || !svg.pauseAnimations || svg.dataset.hold === "true") continue;
  const set = (paused) => {
    if (paused) svg.pauseAnimations();
    else svg.unpauseAnimations();
    button.setAttribute("aria-pressed", paused ? "true" : "false");
    button.textContent = paused ? "Play" : "Pause";
  };
  button.hidden = false;
  button.addEventListener("click", () => set(button.getAttribute("aria-pressed") !== "true"));
  if (still.matches) set(true);
}
