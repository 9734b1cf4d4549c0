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

// Suggestions as you type (pinyin, initials, Chinese): ↑ ↓ to move, Enter to pick, Esc to close.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[role=combobox]").forEach((input) => {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    const form = input.form;
    const status = form.querySelector("[data-suggest-status]");  // a live region: how many suggestions
    let items = [];
    let active = -1;
    let timer = null;
    let latest = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      if (status) status.textContent = "";
    }

    function highlight(index) {
      items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
      else input.removeAttribute("aria-activedescendant");
    }

    function pick(text) {
      input.value = text;
      close();
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }

    function show(suggestions) {
      close();
      if (!suggestions.length) return;
      suggestions.forEach((s, i) => {
        const item = document.createElement("li");
        item.id = `${list.id}-${i}`;
        item.setAttribute("role", "option");
        const text = document.createElement("span");
        text.className = "s-text";
        text.textContent = s.text;
        const pinyin = document.createElement("span");
        pinyin.className = "s-pinyin";
        pinyin.textContent = s.pinyin;
        const count = document.createElement("span");
        count.className = "s-count";
        count.textContent = s.count;
        item.append(text, pinyin, count);
        item.addEventListener("mousedown", (event) => { event.preventDefault(); pick(s.text); });
        list.append(item);
        items.push(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (status) status.textContent = status.dataset.suggestStatus.replace("{n}", suggestions.length);
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q || q.length > 100) { close(); return; }
      timer = setTimeout(async () => {
        const ticket = ++latest;
        try {
          const response = await fetch(`${input.dataset.suggestUrl}?q=${encodeURIComponent(q)}`);
          if (!response.ok || ticket !== latest) return;
          show((await response.json()).suggestions);
        } catch (error) { close(); }
      }, 120);
    });

    input.addEventListener("keydown", (event) => {
      if (list.hidden || !items.length) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); pick(items[active].querySelector(".s-text").textContent); }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  });
});

// "Cite": a paragraph's citations, fetched from the API, in a panel after the paragraph
// (or the result), each with a copy button; Esc closes it and returns to the button.
document.addEventListener("DOMContentLoaded", () => {
  const template = document.getElementById("cite-panel");
  if (!template) return;
  let opened = 0;

  async function copy(text, source) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      // No Clipboard API (a page served over plain http): copy the selected text instead.
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return document.execCommand("copy");
    }
  }

  function close(button) {
    const panel = document.getElementById(button.getAttribute("aria-controls"));
    if (panel) panel.remove();
    button.setAttribute("aria-expanded", "false");
  }

  async function open(button) {
    const panel = template.content.firstElementChild.cloneNode(true);
    panel.id = `cite-panel-${++opened}`;
    panel.setAttribute("aria-label", button.getAttribute("aria-label"));
    button.setAttribute("aria-controls", panel.id);
    button.setAttribute("aria-expanded", "true");
    button.closest(".para, .hit-actions").after(panel);
    const status = panel.querySelector(".cite-status");
    panel.querySelectorAll(".cite-file").forEach((link) => {
      link.href = button.dataset.citeFiles.replace("FORMAT", link.dataset.format);
    });
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { close(button); button.focus(); }
    });
    panel.querySelectorAll(".cite-copy").forEach((copyButton) => {
      copyButton.addEventListener("click", async () => {
        const text = copyButton.parentElement.querySelector(".cite-text");
        status.textContent = "";
        status.textContent = (await copy(text.textContent, text)) ? copyButton.dataset.copied : status.dataset.select;
      });
    });
    try {
      const response = await fetch(button.dataset.citeUrl);
      if (!response.ok) throw new Error(response.statusText);
      const citation = (await response.json()).citation;
      panel.querySelectorAll(".cite-row").forEach((row) => {
        row.querySelector(".cite-text").textContent = citation[row.dataset.key];
      });
      panel.querySelector(".cite-loading").remove();
      panel.querySelector(".cite-list").hidden = false;
      panel.querySelector(".cite-copy").focus();
    } catch (error) {
      panel.querySelector(".cite-loading").remove();
      panel.querySelector(".cite-error").hidden = false;
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".cite-button");
    if (!button) return;
    if (button.getAttribute("aria-expanded") === "true") close(button);
    else open(button);
  });
});

// "Back to results" returns to the results page the reader came from, with its filters
// and page, when there is one (the link itself only knows the query).
document.addEventListener("DOMContentLoaded", () => {
  const back = document.querySelector(".back a");
  if (!back || !document.referrer) return;
  const from = new URL(document.referrer);
  if (from.origin === location.origin && from.pathname === new URL(back.href).pathname) back.href = from.href;
});
