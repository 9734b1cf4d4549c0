// The trend's heat map: each cell with a count becomes a link to the search of the
// term in its province and year. The server writes the link once per row (on the
// province's name: its search with the trend's filters) instead of once per cell,
// which kept the page small; the cell's link is that one with the cell's year.
document.addEventListener("DOMContentLoaded", () => {
  const table = document.getElementById("heat-table");
  if (!table) return;
  const years = Array.from(table.tHead.rows[0].cells, (th) => th.textContent.trim());
  Array.from(table.tBodies[0].rows).forEach((row) => {
    const place = row.cells[0].querySelector("a");
    if (!place) return;
    Array.from(row.cells).forEach((cell, column) => {
      if (!/^s[1-5]$/.test(cell.className)) return;  // a count above 0 (s0: none; no class: no report)
      const url = new URL(place.href);
      url.searchParams.set("year", years[column]);
      const link = document.createElement("a");
      link.href = url.pathname + url.search;
      link.append(...cell.childNodes);
      cell.append(link);
    });
  });
});
