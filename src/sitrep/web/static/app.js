// Small progressive enhancements shared by every page. Text only: no HTML from data.
(function () {
  "use strict";
  // Filter forms: leave empty fields out of the URL so links stay short and readable.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && field.value === "" && field.type !== "submit") field.disabled = true;
      });
    });
  });
  // Tables with a quick filter box: hide rows that do not contain the typed text.
  var input = document.getElementById("quickfilter");
  var table = input && document.getElementById(input.getAttribute("data-target"));
  if (table) {
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.classList.toggle("hidden", q !== "" && row.textContent.toLowerCase().indexOf(q) < 0);
      });
    });
  }
})();
