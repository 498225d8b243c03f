/* The management pages (/beheer/): accessible names Django's admin leaves out.
   - A tabular inline (e.g. a staff member's team memberships) and a change list with fields to edit in
     place have their labels only as column headers:
     each field gets the header as its name, with the row number (WCAG 1.3.1, 4.1.2).
   - The search icon of a two-box selector is a span with a name: give it the role that allows one. */
(function () {
  function nameTabularFields() {
    document.querySelectorAll(".inline-group .tabular table, #result_list").forEach(function (table) {
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      table.querySelectorAll("tbody tr").forEach(function (row, rowIndex) {
        Array.prototype.forEach.call(row.children, function (cell, column) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            var labelled = field.labels && field.labels.length || field.getAttribute("aria-label") || field.getAttribute("aria-labelledby");
            var header = headers[column] || "";
            if (!labelled && header) field.setAttribute("aria-label", header + " " + (rowIndex + 1));
          });
        });
      });
    });
  }
  function fixIcons() {
    document.querySelectorAll(".help-tooltip[aria-label]:not([role]), .help-tooltip[title]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
      if (!icon.getAttribute("aria-label")) icon.setAttribute("aria-label", icon.getAttribute("title"));
    });
  }
  function fix() { nameTabularFields(); fixIcons(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix); else fix();
  window.addEventListener("load", fix);  // the two-box selectors are built on load
  document.addEventListener("formset:added", fix);
})();
