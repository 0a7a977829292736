(function () {
  "use strict";
  function key(row, col) {
    var cell = row.cells[col];
    var raw = cell ? (cell.getAttribute("data-sort") || "") : "";
    var num = raw === "" ? NaN : Number(raw);
    return { raw: raw, num: num };
  }
  function compare(a, b) {
    var an = isFinite(a.num), bn = isFinite(b.num);
    if (an && bn) { return a.num - b.num; }
    if (an !== bn) { return an ? -1 : 1; }
    if (a.raw === b.raw) { return 0; }
    if (a.raw === "") { return 1; }
    if (b.raw === "") { return -1; }
    return a.raw < b.raw ? -1 : 1;
  }
  function sortBy(th, ascending) {
    var table = th.closest("table");
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var indexed = rows.map(function (r, i) { return { row: r, i: i, k: key(r, col) }; });
    indexed.sort(function (x, y) {
      var c = compare(x.k, y.k);
      if (c === 0) { return x.i - y.i; }
      return ascending ? c : -c;
    });
    indexed.forEach(function (x) { body.appendChild(x.row); });
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  window.repsimSortBy = sortBy;
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable thead th"), function (th) {
    th.tabIndex = 0;
    var toggle = function () { sortBy(th, th.getAttribute("aria-sort") !== "ascending"); };
    th.addEventListener("click", toggle);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
  });

  /* Self-test (only with #selftest or ?selftest in the address): counts images that decoded,
     checks that sorting orders every sortable table, and lists captured errors. */
  function sorted(table, col, ascending) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    for (var i = 1; i < rows.length; i++) {
      var c = compare(key(rows[i - 1], col), key(rows[i], col));
      if (ascending ? c > 0 : c < 0) { return false; }
    }
    return true;
  }
  function selftest() {
    var images = document.images, loaded = 0;
    for (var i = 0; i < images.length; i++) { if (images[i].complete && images[i].naturalWidth > 0) { loaded++; } }
    var sortOk = true;
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (t) {
      var heads = t.tHead.rows[0].cells;
      for (var c = 0; c < heads.length; c++) {
        sortBy(heads[c], true); sortOk = sortOk && sorted(t, c, true);
        sortBy(heads[c], false); sortOk = sortOk && sorted(t, c, false);
      }
      sortBy(heads[0], true);
    });
    var out = document.getElementById("selftest-result");
    out.setAttribute("data-images-loaded", String(loaded));
    out.setAttribute("data-images-total", String(images.length));
    out.setAttribute("data-sort", sortOk ? "ok" : "failed");
    out.setAttribute("data-errors", String(window.repsimErrors.length));
    out.textContent = window.repsimErrors.join("\n");
  }
  if (/selftest/.test(location.hash + location.search)) {
    if (document.readyState === "complete") { selftest(); } else { window.addEventListener("load", selftest); }
  }
})();
