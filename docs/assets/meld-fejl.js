/* "Meld en fejl" started from a footnote. The footer's mail link (overrides/partials/
   copyright.html) names the page; every footnote gets its own "Meld en fejl" link whose mail
   also quotes that footnote, and while the address points at a footnote (#fn:3, after
   following a footnote marker) the footer's link quotes it too. Only mailto: links: nothing is
   sent anywhere, the reader's mail program opens with the text filled in. */
(function () {
  "use strict";

  var LIMIT = 600;  // characters of a footnote quoted in the mail: mailto URLs stay short

  function parse(href) {
    var query = href.indexOf("?");
    var fields = {};
    (query < 0 ? "" : href.slice(query + 1)).split("&").forEach(function (pair) {
      var eq = pair.indexOf("=");
      if (eq > 0) fields[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
    });
    return {to: query < 0 ? href : href.slice(0, query), subject: fields.subject || "",
            body: fields.body || ""};
  }

  function build(mail) {
    return mail.to + "?subject=" + encodeURIComponent(mail.subject) +
      "&body=" + encodeURIComponent(mail.body);
  }

  function footnoteText(item) {
    var copy = item.cloneNode(true);
    copy.querySelectorAll(".footnote-backref, .kb-meld-fejl-fn").forEach(function (el) {
      el.remove();
    });
    var text = copy.textContent.replace(/\s+/g, " ").trim();
    return text.length > LIMIT ? text.slice(0, LIMIT - 1) + "\u2026" : text;
  }

  function withFootnote(base, item) {
    var number = item.id.slice(3);
    var mail = parse(base);
    mail.subject += " (henvisning " + number + ")";
    var line = "\r\nHenvisning " + number + ": " + footnoteText(item);
    var at = mail.body.indexOf("\r\n", mail.body.indexOf("Adresse: "));
    mail.body = at < 0 ? mail.body + line : mail.body.slice(0, at) + line + mail.body.slice(at);
    return build(mail);
  }

  function init() {
    var footer = document.querySelector("a[data-kb-meld-fejl]");
    if (!footer) return;
    var base = footer.getAttribute("data-kb-grundlag") || footer.getAttribute("href");
    footer.setAttribute("data-kb-grundlag", base);
    var items = Array.from(document.querySelectorAll(".footnote li[id^='fn:']"));
    items.forEach(function (item) {
      if (item.querySelector(".kb-meld-fejl-fn")) return;
      var link = document.createElement("a");
      link.className = "kb-meld-fejl-fn";
      link.href = withFootnote(base, item);
      link.textContent = "Meld en fejl i henvisning " + item.id.slice(3);
      var last = item.lastElementChild && item.lastElementChild.tagName === "P"
        ? item.lastElementChild : item;
      last.append(" ", link);
    });

    function fromAddress() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var item = /^fn:/.test(id) ? document.getElementById(id) : null;
      footer.href = item ? withFootnote(base, item) : base;
      footer.textContent = item ? "Meld en fejl i henvisning " + id.slice(3) : "Meld en fejl";
    }
    window.addEventListener("hashchange", fromAddress);
    fromAddress();
  }

  (window.kbOnPage || function (f) { document.addEventListener("DOMContentLoaded", f); })(init);
})();
