// When the session has ended (15 minutes without a request), an htmx save is answered with the
// login page. Do not swap that into the page: keep what was typed and say what to do.
document.addEventListener("htmx:beforeSwap", function (evt) {
  var url = (evt.detail.xhr && evt.detail.xhr.responseURL) || "";
  if (url.indexOf("/inloggen/") === -1) return;
  evt.detail.shouldSwap = false;
  evt.detail.isError = false;
  var box = document.getElementById("session-ended");
  if (box) {
    box.hidden = false;
    box.focus();
  }
});

// In print, the table with all scores per date is part of the picture: open it.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details.print-open").forEach(function (d) { d.open = true; });
});
