// Long tables on a phone: a <table data-more="Show all 200"> with more than FOLD rows
// shows its first FOLD (style.css hides the rest of a table.folded at phone width) and,
// after it, a button that shows them all. Sorting (sortable.js) moves rows, so the fold
// always keeps the first FOLD of the current order. Without script every row shows.
const FOLD = 20;  // style.css: table.folded tbody tr:nth-child(n+21)
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table[data-more]").forEach((table) => {
    const body = table.tBodies[0];
    if (!body || body.rows.length <= FOLD) return;
    table.classList.add("folded");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "fold-more";
    button.textContent = table.dataset.more;
    button.addEventListener("click", () => {
      table.classList.remove("folded");
      button.remove();
    });
    (table.closest(".scroll") || table).after(button);
  });
});
