/* Sortable tables without dependencies: header buttons, aria-sort, Danish numbers.
   Works with Material's instant loading through document$ when present. */
(function () {
  "use strict";

  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                "september", "oktober", "november", "december"];

  function cellValue(cell) {
    var text = (cell.textContent || "").trim();
    var iso = text.match(/^(\d{4})(-\d{2})?(-\d{2})?$/);
    if (iso) return { num: Date.parse(text.length === 4 ? text + "-01-01" : text) };
    // Danish dates as the site writes them: "31. maj 2025", "maj 2025" (labels.date_da).
    var da = text.match(/^(?:(\d{1,2})\. )?([a-zæøå]+) (\d{4})\b/);
    if (da && MONTHS.indexOf(da[2]) !== -1) {
      return { num: Date.UTC(+da[3], MONTHS.indexOf(da[2]), da[1] ? +da[1] : 1) };
    }
    var numeric = text.replace(/\s|%|kr\.|ca\./g, "").replace(/\./g, "").replace(",", ".");
    var match = numeric.match(/^-?\d+(\.\d+)?/);
    if (match && match[0].length === numeric.split("(")[0].length) return { num: parseFloat(match[0]) };
    return { text: text.toLocaleLowerCase("da") };
  }

  function compare(a, b) {
    if (a.num !== undefined && b.num !== undefined) return a.num - b.num;
    if (a.num !== undefined) return -1;
    if (b.num !== undefined) return 1;
    return a.text.localeCompare(b.text, "da");
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var descending = header.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var result = compare(cellValue(r1.cells[index]), cellValue(r2.cells[index]));
      return descending ? -result : result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function enhance(table) {
    if (table.dataset.kbSortable || !table.tHead || !table.tBodies.length) return;
    table.dataset.kbSortable = "1";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      button.setAttribute("title", "Sortér efter denne kolonne");
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
  }

  function init() {
    document.querySelectorAll(".kb-sortable table").forEach(enhance);
  }

  window.kbOnPage(init);
})();
