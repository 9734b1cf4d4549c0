// Sortable tables: every <table class="sortable"> on the site. Without script a table
// keeps the order the server gave it; with it, each column header becomes a button that
// sorts the rows by that column (again: the other way), and says so with aria-sort.
// A cell's data-sort, when given, is what it sorts by (a year beside its coverage note).
document.addEventListener("DOMContentLoaded", () => {
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });

  function key(cell) {
    if (!cell) return "";
    const text = (cell.dataset.sort ?? cell.textContent).trim();
    const number = Number(text.replace(/[,\s%]/g, "").split("/")[0]);
    return text === "" || text === "–" ? null : Number.isNaN(number) ? text : number;
  }

  function compare(a, b) {
    if (a === null || b === null) return (a === null) - (b === null);  // blanks last, either way
    if (typeof a === "number" && typeof b === "number") return a - b;
    return collator.compare(String(a), String(b));
  }

  document.querySelectorAll("table.sortable").forEach((table) => {
    const headers = Array.from(table.tHead ? table.tHead.rows[0].cells : []);
    const body = table.tBodies[0];
    if (!body) return;
    headers.forEach((th, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach((other) => other.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const rows = Array.from(body.rows);
        rows.sort((r1, r2) => {
          const a = key(r1.cells[column]);
          const b = key(r2.cells[column]);
          if (a === null || b === null) return compare(a, b);
          return ascending ? compare(a, b) : compare(b, a);
        });
        body.append(...rows);
      });
    });
  });
});
