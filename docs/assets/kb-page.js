/* Run a page's enhancements once the page is there: on every page Material's instant loading
   shows (document$), else when the document is ready. Loaded before the other scripts. */
window.kbOnPage = function (init) {
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
};
