/* Overview filters and table scroll hints, without dependencies.
   Filters: each row's first cell holds <span class="kb-row" data-f-<key>="slug slug">, written at
   build time (koordineringsbasen/render/filters.py). The form's choices live in the URL query
   (?region=nordjylland&kategori=sikret-afdeling), so a view survives reload and can be sent.
   "Download denne visning" takes the published CSV (api/<kind>.csv) and keeps the header and the
   records of the rows shown, byte for byte, in the order shown: the export's own format.
   Without JavaScript the form stays hidden and the whole table shows. */
(function () {
  "use strict";

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  function matches(row, choices) {
    var marker = row.querySelector(".kb-row");
    if (!marker) return true;
    return choices.every(function (choice) {
      var values = (marker.getAttribute("data-f-" + choice.key) || "").split(" ");
      return values.indexOf(choice.value) !== -1;
    });
  }

  function selects(form) {
    return Array.prototype.slice.call(form.querySelectorAll("select"));
  }

  function choicesOf(form) {
    return selects(form).filter(function (s) { return s.value; })
      .map(function (s) { return { key: s.name, value: s.value }; });
  }

  function writeUrl(form) {
    var params = new URLSearchParams(window.location.search);
    selects(form).forEach(function (s) {
      if (s.value) params.set(s.name, s.value); else params.delete(s.name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function readUrl(form) {
    var params = new URLSearchParams(window.location.search);
    selects(form).forEach(function (s) {
      var wanted = params.get(s.name) || "";
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
      s.value = known ? wanted : "";
    });
  }

  function apply(form, table, count) {
    var choices = choicesOf(form);
    var rows = rowsOf(table);
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row, choices);
      if (!row.hidden) shown += 1;
    });
    var noun = count.getAttribute("data-noun");
    count.textContent = choices.length
      ? "Viser " + shown + " af " + rows.length + " " + noun + "."
      : rows.length + " " + noun + ".";
  }

  /* RFC 4180 records (quoted fields may hold ';', quotes and line breaks), as raw text. */
  function records(text) {
    var result = [], start = 0, quoted = false;
    for (var i = 0; i < text.length; i += 1) {
      var ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === "\n") {
        result.push(text.slice(start, text[i - 1] === "\r" ? i - 1 : i));
        start = i + 1;
      }
    }
    if (start < text.length) result.push(text.slice(start));
    return result;
  }

  function firstField(record) {
    if (record[0] !== '"') return record.split(";")[0];
    var match = record.match(/^"((?:[^"]|"")*)"/);
    return match ? match[1].replace(/""/g, '"') : "";
  }

  function download(link, table, kind) {
    return window.fetch(link.href).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + link.href);
      return response.text();
    }).then(function (text) {
      var all = records(text.replace(/^\uFEFF/, ""));
      var header = all[0];
      if (header.split(";")[0] !== "id") throw new Error("CSV uden id-kolonne: " + link.href);
      var byId = {};
      all.slice(1).forEach(function (record) { byId[firstField(record)] = record; });
      var lines = [header];
      rowsOf(table).forEach(function (row) {
        var marker = row.querySelector(".kb-row");
        if (!row.hidden && marker && byId[marker.getAttribute("data-id")] !== undefined) {
          lines.push(byId[marker.getAttribute("data-id")]);
        }
      });
      var blob = new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var save = document.createElement("a");
      save.href = URL.createObjectURL(blob);
      save.download = kind + "-visning.csv";
      document.body.appendChild(save);
      save.click();
      save.remove();
      window.setTimeout(function () { URL.revokeObjectURL(save.href); }, 10000);
    });
  }

  function enhance(form) {
    if (form.dataset.kbReady) return;
    var kind = form.getAttribute("data-kb-filter");
    var holder = document.querySelector('[data-kb-table="' + kind + '"]');
    var table = holder && holder.querySelector("table");
    var count = document.querySelector('[data-kb-count="' + kind + '"]');
    if (!table || !table.tBodies.length || !count) return;
    form.dataset.kbReady = "1";
    readUrl(form);
    apply(form, table, count);
    form.hidden = false;
    form.addEventListener("change", function () {
      writeUrl(form);
      apply(form, table, count);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        writeUrl(form);
        apply(form, table, count);
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var link = document.querySelector("[data-kb-download]");
    if (link) {
      link.textContent = "Download denne visning (CSV)";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        download(link, table, kind).catch(function (error) {
          count.textContent = "Kunne ikke hente CSV-filen: " + error.message;
        });
      });
    }
  }

  /* Every table scrolls inside its own focusable region named after the heading above it
     (role=region, tabindex=0), so a wide table never cuts off the page. Done here rather than
     at build time so that a generator without the mkdocs hooks builds the same pages. */
  function regions() {
    var heading = document.title;
    document.querySelectorAll("article h1, article h2, article h3, article h4, article table")
      .forEach(function (element) {
        if (element.tagName !== "TABLE") {
          var copy = element.cloneNode(true);
          copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
          heading = copy.textContent.trim() || heading;
          return;
        }
        if (element.closest(".kb-scroll")) return;
        var target = element.closest(".md-typeset__scrollwrap") || element;
        var region = document.createElement("div");
        region.className = "kb-scroll";
        region.setAttribute("role", "region");
        region.setAttribute("tabindex", "0");
        region.setAttribute("aria-label", "Tabel: " + heading);
        var hint = document.createElement("p");
        hint.className = "kb-scroll__hint";
        hint.hidden = true;
        hint.textContent = "Tabellen er bredere end skærmen: rul vandret i den for at se alle kolonner.";
        target.parentNode.insertBefore(hint, target);
        target.parentNode.insertBefore(region, target);
        region.appendChild(target);
      });
  }

  /* A table wider than its region gets a visible hint that it scrolls sideways. */
  function hints() {
    document.querySelectorAll(".kb-scroll").forEach(function (region) {
      var hint = region.previousElementSibling;
      if (hint && hint.classList.contains("kb-scroll__hint")) {
        hint.hidden = region.scrollWidth <= region.clientWidth + 1;
      }
    });
  }

  function init() {
    regions();
    document.querySelectorAll("form[data-kb-filter]").forEach(enhance);
    hints();
  }

  window.addEventListener("resize", hints);
  window.kbOnPage(init);
})();
