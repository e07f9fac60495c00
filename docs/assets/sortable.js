/* Sortable tables without dependencies: header buttons, aria-sort, Danish numbers.
   Blank cells ("", "–", "Ingen …"-notes) sort last in both directions. The sort lives in the
   page URL (?sorter=belaegning-faldende; a page's second sortable table uses sorter2, …),
   beside the overview filters' own keys, so a sorted view survives reload and can be sent.
   Works with Material's instant loading through document$ when present. */
(function () {
  "use strict";

  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                "september", "oktober", "november", "december"];
  var BLANK = /^[\s–—-]*$/;
  var UP = "stigende", DOWN = "faldende";

  function cellValue(cell) {
    var text = (cell.textContent || "").trim();
    if (BLANK.test(text) || cell.querySelector(".kb-none")) return { blank: true };
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

  /* A column's key in the URL: its header text in lower-case ASCII ("Belægning" -> "belaegning"). */
  function columnKey(th) {
    return (th.textContent || "").trim().toLowerCase()
      .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
      .normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function tables() {
    return Array.prototype.slice.call(document.querySelectorAll(".kb-sortable table"));
  }

  function paramOf(table) {
    var index = tables().indexOf(table);
    return index > 0 ? "sorter" + (index + 1) : "sorter";
  }

  function writeUrl(table, th, descending) {
    var params = new URLSearchParams(window.location.search);
    params.set(paramOf(table), columnKey(th) + "-" + (descending ? DOWN : UP));
    var url = window.location.pathname + "?" + params.toString() + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function sortBy(table, index, header, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, value: cellValue(row.cells[index] || row.cells[0]), position: position };
    });
    var filled = rows.filter(function (r) { return !r.value.blank; });
    var blank = rows.filter(function (r) { return r.value.blank; });
    filled.sort(function (r1, r2) {
      var result = compare(r1.value, r2.value);
      return (descending ? -result : result) || r1.position - r2.position;
    });
    filled.concat(blank).forEach(function (r) { body.appendChild(r.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function restore(table) {
    var wanted = new URLSearchParams(window.location.search).get(paramOf(table));
    var match = wanted && wanted.match(/^(.+)-(stigende|faldende)$/);
    if (!match) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (columnKey(th) === match[1]) sortBy(table, index, th, match[2] === DOWN);
    });
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
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        sortBy(table, index, th, descending);
        writeUrl(table, th, descending);
      });
    });
    restore(table);
  }

  function init() {
    tables().forEach(enhance);
  }

  window.kbOnPage(init);
})();
