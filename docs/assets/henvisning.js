/* Source texts: select lines (click a line number, shift-click another) and copy the citation
   with "Kopiér henvisning": the same YAML block `python -m koordineringsbasen find` prints
   (koordineringsbasen/tools/citation_block.py): kilde, linjer, punkt and the anchor.

   The anchor is made as koordineringsbasen/texts/anchors.make_anchor makes it: this is a port of
   seedtext.join_lines and make_anchor (lengths counted in code points, as Python counts them),
   and tests/browser/test_copy_citation.py compares the two. The page gives the source id, the
   agenda items and the lines just outside the page in data attributes
   (render/source_text._copy_data). Keyboard: the line numbers are one tab stop; arrow keys,
   Home and End move; Enter or Space selects, with Shift it extends; Tab goes to the button. */
(function () {
  "use strict";

  // texts/anchors.py
  var CONTEXT = 32, WHOLE_LIMIT = 160, PIECE = 64, CONTEXT_LINES = 6, ELLIPSIS = " \u2026 ";
  // seedtext.py: a word broken at a line end ("til-" + "bud"), not "Social- og".
  var SPLIT_WORD = /[\p{L}\p{N}_]-$/u;
  var LOWER = /^\p{Lowercase}/u;
  var KEEP_HYPHEN_BEFORE = ["og", "eller", "samt", "el."];
  // The characters Python's str.split() splits on.
  var WHITESPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

  function chars(text) { return Array.from(text); }

  function foldLine(raw) {
    return raw.split(WHITESPACE).filter(function (w) { return w !== ""; }).join(" ");
  }

  function joinLines(lines) {
    var text = "";
    lines.forEach(function (raw) {
      var line = foldLine(raw);
      if (!line) return;
      var nextWord = line.split(" ")[0];
      if (SPLIT_WORD.test(text) && LOWER.test(line) && KEEP_HYPHEN_BEFORE.indexOf(nextWord) < 0) {
        text = text.slice(0, -1) + line;
      } else {
        text = text ? text + " " + line : line;
      }
    });
    return text;
  }

  function head(text, size) {
    var all = chars(text);
    if (all.length <= size) return text;
    var cut = all.slice(0, size + 1).join("");
    return cut.indexOf(" ") >= 0 ? cut.slice(0, cut.lastIndexOf(" ")) : all.slice(0, size).join("");
  }

  function tail(text, size) {
    var all = chars(text);
    if (all.length <= size) return text;
    var cut = all.slice(all.length - size - 1).join("");
    return cut.indexOf(" ") >= 0 ? cut.slice(cut.indexOf(" ") + 1) : all.slice(all.length - size).join("");
  }

  function checksum(text) {
    return window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (hash) {
      return Array.from(new Uint8Array(hash)).map(function (b) {
        return b.toString(16).padStart(2, "0");
      }).join("").slice(0, 12);
    });
  }

  // make_anchor: a promise of the anchor's fields in their order, or null for empty lines.
  function makeAnchor(lineAt, first, last) {
    function range(from, to) {
      var out = [];
      for (var n = from; n <= to; n++) {
        var line = lineAt(n);
        if (line !== undefined) out.push(line);
      }
      return out;
    }
    var passage = joinLines(range(first, last));
    if (!passage) return Promise.resolve(null);
    var before = joinLines(range(Math.max(1, first - CONTEXT_LINES), first - 1));
    var after = joinLines(range(last + 1, last + CONTEXT_LINES));
    var whole = chars(passage).length <= WHOLE_LIMIT;
    var sum = whole ? Promise.resolve(null) : checksum(passage);
    return sum.then(function (kontrol) {
      var fields = [["foer", tail(before, CONTEXT)],
                    ["tekst", whole ? passage : head(passage, PIECE) + ELLIPSIS + tail(passage, PIECE)],
                    ["efter", head(after, CONTEXT)], ["kontrol", kontrol]];
      return fields.filter(function (f) { return f[1]; });
    });
  }

  // agenda.holding_item: the meeting's item first (outermost source), there the narrowest,
  // and only one that resolve_item finds again by its number.
  function holdingItem(items, first, last) {
    function holds(item) { return item[2] <= first && last <= item[3]; }
    function resolve(nr) {
      for (var i = 0; i < items.length; i++) if (items[i][1] === nr && holds(items[i])) return items[i];
      return null;
    }
    var ranks = items.map(function (item) { return item[0]; });
    for (var rank = Math.max.apply(null, ranks.concat([0])); rank >= 0; rank--) {
      var holding = items.filter(function (item) { return item[0] === rank && holds(item); });
      holding.sort(function (a, b) { return (a[3] - a[2]) - (b[3] - b[2]); });
      for (var i = 0; i < holding.length; i++) {
        if (resolve(holding[i][1]) === holding[i]) return holding[i];
      }
    }
    return null;
  }

  // tools/citation_block.block
  function citationBlock(kilde, first, last, punkt, anchor) {
    var out = ["kilde:", "  kilde: " + kilde, "  linjer: " + (first === last ? first : first + "-" + last)];
    if (punkt !== null) out.push("  punkt: '" + punkt.replace(/'/g, "''") + "'");
    out.push("  anker:");
    anchor.forEach(function (field) { out.push("    " + field[0] + ": " + JSON.stringify(field[1])); });
    return out.join("\n") + "\n";
  }

  function init() {
    var root = document.querySelector(".kb-kildetekst[data-kilde]");
    if (!root || root.classList.contains("kb-valgbar")) return;
    var kilde = root.getAttribute("data-kilde");
    var items = JSON.parse(root.getAttribute("data-punkter") || "[]");
    var outsideBefore = JSON.parse(root.getAttribute("data-foer") || "[]");
    var outsideAfter = JSON.parse(root.getAttribute("data-efter") || "[]");
    var lines = Array.from(root.querySelectorAll("ol.kb-linjer > li[id^='L']"));
    if (!lines.length) return;
    var texts = {}, buttons = [], byNumber = {};
    lines.forEach(function (li) { texts[parseInt(li.id.slice(1), 10)] = li.textContent; });
    var pageFirst = parseInt(lines[0].id.slice(1), 10);
    var pageLast = parseInt(lines[lines.length - 1].id.slice(1), 10);

    function lineAt(n) {
      if (n >= pageFirst && n <= pageLast) return texts[n];
      if (n < pageFirst) return outsideBefore[outsideBefore.length - (pageFirst - n)];
      return outsideAfter[n - pageLast - 1];
    }

    var hint = document.createElement("p");
    hint.className = "kb-henvisning-hjaelp";
    hint.textContent = "Henvis til linjer: klik på et linjenummer, og skift-klik på et andet for at " +
      "vælge flere. Med tastaturet: piletasterne flytter, Enter vælger, Skift+Enter udvider, og " +
      "Tab går til knappen \u201dKopiér henvisning\u201d.";
    root.insertBefore(hint, root.firstChild);

    var bar = document.createElement("div");
    bar.className = "kb-henvisning";
    bar.hidden = true;
    var chosen = document.createElement("span");
    chosen.className = "kb-henvisning-valg";
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "md-button kb-henvisning-kopier";
    copy.textContent = "Kopiér henvisning";
    var status = document.createElement("p");
    status.className = "kb-henvisning-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var fallback = document.createElement("pre");
    fallback.className = "kb-henvisning-blok";
    fallback.hidden = true;
    bar.append(chosen, copy, status, fallback);
    root.appendChild(bar);

    var start = null, end = null;

    function selection() {
      return start === null ? null : [Math.min(start, end), Math.max(start, end)];
    }

    function show() {
      var range = selection();
      lines.forEach(function (li, i) {
        var n = parseInt(li.id.slice(1), 10);
        var on = range !== null && n >= range[0] && n <= range[1];
        li.classList.toggle("kb-valgt", on);
        buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      });
      bar.hidden = range === null;
      if (range) {
        chosen.textContent = "Valgt: linje " + (range[0] === range[1] ? range[0] : range[0] + "\u2013" + range[1]);
      }
      fallback.hidden = true;
      status.textContent = "";
    }

    function choose(n, extend) {
      if (extend && start !== null) {
        end = n;
      } else {
        start = n;
        end = n;
      }
      show();
    }

    function focusLine(index) {
      index = Math.max(0, Math.min(buttons.length - 1, index));
      buttons.forEach(function (b, i) { b.tabIndex = i === index ? 0 : -1; });
      buttons[index].focus();
    }

    lines.forEach(function (li, index) {
      var n = parseInt(li.id.slice(1), 10);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-linjenr";
      // The number is drawn by CSS (attr(data-nr)): the line's textContent stays its text.
      button.setAttribute("data-nr", String(n));
      button.setAttribute("aria-label", "Linje " + n);
      button.setAttribute("aria-pressed", "false");
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("click", function (event) {
        if (event.detail === 0) return;  // from the keyboard: handled on keydown
        buttons.forEach(function (b, i) { b.tabIndex = i === index ? 0 : -1; });
        choose(n, event.shiftKey);
      });
      button.addEventListener("keydown", function (event) {
        var moves = {ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1,
                     PageDown: index + 20, PageUp: index - 20};
        if (event.key in moves) {
          event.preventDefault();
          focusLine(moves[event.key]);
        } else if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          choose(n, event.shiftKey);
        } else if (event.key === "Tab" && !event.shiftKey && !bar.hidden) {
          event.preventDefault();
          copy.focus();
        }
      });
      buttons.push(button);
      byNumber[n] = index;
      li.insertBefore(button, li.firstChild);
    });
    root.classList.add("kb-valgbar");

    copy.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && event.shiftKey) {
        var range = selection();
        if (range) {
          event.preventDefault();
          focusLine(byNumber[end]);
        }
      }
    });

    copy.addEventListener("click", function () {
      var range = selection();
      if (!range) return;
      var item = holdingItem(items, range[0], range[1]);
      makeAnchor(lineAt, range[0], range[1]).then(function (anchor) {
        if (anchor === null) {
          status.textContent = "Linjerne er tomme; vælg linjer med tekst.";
          return null;
        }
        var text = citationBlock(kilde, range[0], range[1], item ? item[1] : null, anchor);
        fallback.textContent = text;
        var where = range[0] === range[1] ? "linje " + range[0] : "linje " + range[0] + "\u2013" + range[1];
        return navigator.clipboard.writeText(text).then(function () {
          status.textContent = "Henvisningen til " + where + " er kopieret.";
        }, function () {
          fallback.hidden = false;
          status.textContent = "Kunne ikke kopiere automatisk; markér henvisningen herunder, og kopiér den selv.";
        });
      });
    });
  }

  (window.kbOnPage || function (f) { document.addEventListener("DOMContentLoaded", f); })(init);
})();
