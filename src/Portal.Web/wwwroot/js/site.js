// Progressive enhancement only: every page works without it.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// A long job's live progress (a charge run, an update's send), polled while it is queued, preparing or running. The
// server says which state it is in and what the bar shows: queued and preparing are not done, so the bar has no value
// (indeterminate) until the work is counted; nothing here infers "done" from the numbers. Without JavaScript the page
// shows the state as of loading. Parts of the page that are true only of the state it was loaded in (a "Call it off"
// button, "no run has started yet") are marked data-as-loaded and hidden once the state moves on.
const liveStates = ["queued", "preparing", "running"];
document.querySelectorAll("[data-run-progress]").forEach((panel) => {
  const url = panel.getAttribute("data-run-progress");
  const loaded = panel.getAttribute("data-state");
  const show = (job) => {
    if (job.state !== loaded) {
      document.querySelectorAll("[data-as-loaded]").forEach((part) => {
        part.hidden = true;
      });
    }

    Object.entries(job).forEach(([key, value]) => {
      const field = panel.querySelector(`[data-field="${key.charAt(0).toUpperCase()}${key.slice(1)}"]`);
      if (field && key !== "bar") {
        field.textContent = value ?? "–";
      }
    });
    panel.setAttribute("data-state", job.state ?? "");
    const live = liveStates.includes(job.state);
    const bar = panel.querySelector('[data-field="Bar"]');
    if (bar) {
      const meter = bar.parentElement;
      const counted = typeof job.percent === "number";
      meter.classList.toggle("indeterminate", !counted);
      bar.style.width = counted ? `${job.percent}%` : "";
      if (counted) {
        meter.setAttribute("aria-valuenow", String(job.percent));
      } else {
        meter.removeAttribute("aria-valuenow");
      }

      if (live) {
        meter.setAttribute("aria-busy", "true");
      } else {
        meter.removeAttribute("aria-busy");
      }
    }
    return live;
  };
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok && show(await response.json())) {
        setTimeout(poll, 1000);
      }
    } catch {
      setTimeout(poll, 5000);
    }
  };
  if (liveStates.includes(loaded)) {
    poll();
  }
});

// A page that waits for a payment looks again by itself: a script, not a meta refresh (WCAG 2.2.1); the page keeps a
// link that does the same without script.
document.querySelectorAll("[data-look-again-after]").forEach((element) => {
  const seconds = Number(element.getAttribute("data-look-again-after"));
  const url = element.getAttribute("data-look-again-url") || "";
  if (seconds > 0 && url.startsWith("/") && !url.startsWith("//")) {
    setTimeout(() => window.location.replace(url), seconds * 1000);
  }
});
