// Narrow screens show a stacked table's rows as cards (site.css, table.stack): each cell is labelled with its column's
// heading, taken from the table itself so that the words live in one place. Without JavaScript the table scrolls in its
// focusable region instead.
document.querySelectorAll("table.stack").forEach((table) => {
  const headings = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
  table.querySelectorAll("tbody tr").forEach((row) => {
    Array.from(row.children).forEach((cell, index) => {
      if (headings[index] && !cell.hasAttribute("data-label")) {
        cell.setAttribute("data-label", headings[index]);
      }
    });
  });
});
