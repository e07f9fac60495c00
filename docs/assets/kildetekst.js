/* Source texts: mark the cited lines of #L<a>-L<b> (or #L<a>) and bring them into view.
   Without JavaScript the link still lands on line a: every cited range has its own anchor
   there (see koordineringsbasen/render/source_text.py). */
(function () {
  "use strict";

  var RANGE = /^#L(\d+)(?:-L(\d+))?$/;
  var MARK = "kb-markeret";

  function lines() {
    var found = RANGE.exec(window.location.hash);
    if (!found || !document.querySelector(".kb-kildetekst")) return [];
    var first = parseInt(found[1], 10);
    var last = found[2] ? parseInt(found[2], 10) : first;
    var result = [];
    for (var n = first; n <= last && n - first < 20000; n++) {
      var line = document.getElementById("L" + n);
      if (line) result.push(line);
    }
    return result;
  }

  function reveal(marked) {
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var room = window.innerHeight - top;
    var first = marked[0].getBoundingClientRect();
    var height = marked[marked.length - 1].getBoundingClientRect().bottom - first.top;
    // The whole range centred when it fits, else its first line just below the header.
    var offset = height < room ? (room - height) / 2 : 8;
    window.scrollTo(0, window.scrollY + first.top - top - offset);
  }

  function mark() {
    document.querySelectorAll("." + MARK).forEach(function (line) {
      line.classList.remove(MARK, MARK + "--foerste", MARK + "--sidste");
    });
    var marked = lines();
    if (!marked.length) return;
    marked.forEach(function (line) { line.classList.add(MARK); });
    marked[0].classList.add(MARK + "--foerste");
    marked[marked.length - 1].classList.add(MARK + "--sidste");
    // Focus moves to the passage too, so a screen reader continues reading there.
    marked[0].setAttribute("tabindex", "-1");
    marked[0].focus({ preventScroll: true });
    reveal(marked);
  }

  window.addEventListener("hashchange", mark);
  // After load as well: the browser's own jump to the anchor may come after DOMContentLoaded.
  window.addEventListener("load", mark);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
