/* The line a printed page starts with: the page's address (its canonical URL) and how current
   its facts are ("Oplysninger til og med", when the page says). Shown only in print
   (kb-print.css); made at load, as printing to PDF fires no beforeprint event. */
(function () {
  "use strict";

  function init() {
    var article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".kb-print-head")) return;
    var canonical = document.querySelector('link[rel="canonical"]');
    var head = document.createElement("p");
    head.className = "kb-print-head";
    head.setAttribute("aria-hidden", "true");
    var text = "Koordineringsbasen · " + (canonical ? canonical.href : window.location.href);
    var asOf = article.querySelector(".kb-asof");
    if (asOf) text += " · " + asOf.textContent.trim();
    head.textContent = text;
    article.insertBefore(head, article.firstChild);
  }

  window.kbOnPage(init);
})();
