/* honkoku edition: the view switch (remembered across pages), keyboard
   shortcuts (v: switch view, /: search), sortable list tables. No network. */
(function () {
  "use strict";
  var KEY = "hk-view";
  var root = document.documentElement;

  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function store(v) { try { localStorage.setItem(KEY, v); } catch (e) { /* private mode */ } }

  function apply(view) {
    if (view === "diplomatic") root.setAttribute("data-hk-view", "diplomatic");
    else root.removeAttribute("data-hk-view");
    var inputs = document.querySelectorAll('input[name="hk-view"]');
    for (var i = 0; i < inputs.length; i++) inputs[i].checked = inputs[i].value === (view || "reading");
  }
  function setView(view) { store(view); apply(view); }
  function current() { return root.getAttribute("data-hk-view") === "diplomatic" ? "diplomatic" : "reading"; }

  apply(stored());
  document.addEventListener("change", function (e) {
    if (e.target && e.target.name === "hk-view") setView(e.target.value);
  });
  window.addEventListener("storage", function (e) { if (e.key === KEY) apply(e.newValue); });

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (e.key === "v" && document.querySelector("[data-hk-view-switch]")) {
      setView(current() === "diplomatic" ? "reading" : "diplomatic");
      e.preventDefault(); e.stopPropagation();
    } else if (e.key === "/") {
      var box = document.querySelector("[data-hk-search-input], #hk-search input");
      if (box) { box.focus(); e.preventDefault(); e.stopPropagation(); }
    }
  }, true);

  /* sort the rows of this list page by a column (the full orders are separate pages) */
  var tables = document.querySelectorAll("table[data-hk-sortable]");
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-value") || a.cells[col].textContent;
          var y = b.cells[col].getAttribute("data-value") || b.cells[col].textContent;
          return (asc ? 1 : -1) * x.localeCompare(y, "ja");
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
