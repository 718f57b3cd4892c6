// The onboarding page's live status: asks the status endpoint (same token) every few seconds and shows the answer,
// until the onboarding is connected or ended. No framework; the page works without this script, only not live.
(() => {
  "use strict";
  const main = document.querySelector("main[data-status-url]");
  if (!main) return;
  const url = main.dataset.statusUrl;
  const every = Number(main.dataset.pollMs) || 2000;
  const status = document.getElementById("status");
  const milestones = document.querySelectorAll("#milestones li");
  const launch = document.getElementById("launch-section");

  const milestoneState = (progress, index) =>
    index < progress.reached ? "done" : index > progress.reached ? "to come" : progress.step === "Failed" ? "failed" : "current";

  const show = (progress) => {
    status.dataset.step = progress.step;
    status.querySelector(".headline").textContent = progress.headline;
    status.querySelector(".detail").textContent = progress.detail;
    const role = status.querySelector(".role");
    role.hidden = !progress.roleArn;
    role.querySelector("code").textContent = progress.roleArn || "";
    milestones.forEach((item, index) => {
      const state = milestoneState(progress, index);
      item.className = state;
      item.querySelector(".visually-hidden").textContent = ` (${state})`;
      if (state === "current" || state === "failed") item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    if (launch) launch.hidden = !(progress.step === "Waiting" || progress.step === "Failed");
  };

  const poll = async () => {
    let wait = every;
    try {
      const response = await fetch(url, { cache: "no-store", credentials: "omit", headers: { Accept: "application/json" } });
      if (response.ok) {
        const progress = await response.json();
        show(progress);
        if (progress.final) return;
      } else if (response.status === 404) {
        return;
      } else if (response.status === 429 || response.status === 503) {
        wait = Math.max(every, (Number(response.headers.get("Retry-After")) || 10) * 1000);
      }
    } catch {
      wait = every * 3;
    }
    setTimeout(poll, wait);
  };
  setTimeout(poll, every);
})();
