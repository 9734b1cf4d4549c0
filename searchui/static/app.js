// Document page: step through the query's matches (buttons, or n / p keys).
document.addEventListener("DOMContentLoaded", () => {
  const marks = Array.from(document.querySelectorAll(".document mark"));
  marks.forEach((mark, i) => { mark.id = `match-${i + 1}`; });
  const bar = document.getElementById("matchbar");
  const position = bar && bar.querySelector(".matchpos");
  let current = -1;

  function go(index) {
    if (!marks.length) return;
    current = (index + marks.length) % marks.length;
    marks.forEach((mark) => mark.classList.remove("current"));
    const mark = marks[current];
    mark.classList.add("current");
    mark.scrollIntoView({ block: "center" });
    if (position) position.textContent = `${current + 1} / ${marks.length}`;
  }

  if (bar) {
    bar.querySelectorAll("button[data-step]").forEach((button) => {
      button.addEventListener("click", () => go(current + Number(button.dataset.step)));
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select") || event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.key === "n") go(current + 1);
    if (event.key === "p" || event.key === "N") go(current - 1);
  });

  const hash = decodeURIComponent(location.hash);
  if (hash.startsWith("#match-")) {
    go(Number(hash.slice(7)) - 1);
  } else if (hash.startsWith("#p")) {
    // Continue stepping from the paragraph the link pointed at.
    const target = document.getElementById(hash.slice(1));
    if (target) current = marks.findIndex((mark) => target.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING || target.contains(mark)) - 1;
  }
});
