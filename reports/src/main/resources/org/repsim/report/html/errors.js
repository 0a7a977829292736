window.repsimErrors = [];
window.addEventListener("error", function (e) {
  var t = e.target;
  var what = t && t !== window && (t.src || t.href) ? "failed to load " + (t.src || t.href) : String(e.message || "error");
  window.repsimErrors.push(what);
}, true);
(function () {
  var original = console.error;
  console.error = function () {
    window.repsimErrors.push("console.error: " + Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments);
  };
})();
