// In print, the table with all scores per date is part of the picture: open it.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details.print-open").forEach(function (d) { d.open = true; });
});
