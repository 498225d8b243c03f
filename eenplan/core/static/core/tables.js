/* Progressive enhancement, no behaviour a page depends on.
   A table that is wider than the screen scrolls inside its .table-wrap; keyboard users must be able to
   reach and scroll it (WCAG 2.1.1, axe "scrollable-region-focusable"), so a wrap that scrolls becomes a
   focusable, named region. One that fits gets no extra tab stop. */
(function () {
  function label(wrap) {
    var caption = wrap.querySelector("caption");
    var before = wrap.previousElementSibling;
    var text = caption ? caption.textContent : (before && /^H[1-6]$/.test(before.tagName) ? before.textContent : "");
    var h1 = document.querySelector("h1");
    return (text || document.body.getAttribute("data-scroll-label") || (h1 && h1.textContent) || "").trim().replace(/\s+/g, " ");
  }
  function update() {
    document.querySelectorAll(".table-wrap, [data-scroll-region], #changelist .results, .inline-group .tabular").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1 || wrap.scrollHeight > wrap.clientHeight + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) wrap.setAttribute("aria-label", label(wrap));
        wrap.dataset.madeFocusable = "1";
      } else if (!scrolls && wrap.dataset.madeFocusable) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        delete wrap.dataset.madeFocusable;
      }
    });
  }
  function watch() {
    update();
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(update);
      document.querySelectorAll(".table-wrap, [data-scroll-region], #changelist .results, .inline-group .tabular").forEach(function (wrap) { observer.observe(wrap); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch); else watch();
  window.addEventListener("load", update);
  window.addEventListener("resize", update);
  document.addEventListener("toggle", update, true);
  document.addEventListener("htmx:afterSwap", watch);
})();
