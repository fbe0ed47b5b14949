// Progressive enhancement only: every page works without it.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// A charge run's live progress: poll its counters while it runs. Without JavaScript the page shows them as of loading.
document.querySelectorAll("[data-run-progress]").forEach((panel) => {
  const url = panel.getAttribute("data-run-progress");
  const show = (run) => {
    Object.entries(run).forEach(([key, value]) => {
      const field = panel.querySelector(`[data-field="${key.charAt(0).toUpperCase()}${key.slice(1)}"]`);
      if (field && key !== "bar") {
        field.textContent = value;
      }
    });
    const percent = run.due === 0 ? 100 : Math.floor((100 * run.done) / run.due);
    const bar = panel.querySelector('[data-field="Bar"]');
    if (bar) {
      bar.style.width = `${percent}%`;
      bar.parentElement.setAttribute("aria-valuenow", String(percent));
    }
    return run.status === "Running";
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
  if (panel.getAttribute("data-status") === "Running") {
    poll();
  }
});
