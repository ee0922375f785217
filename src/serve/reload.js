// Live reload for `motcua serve`: waits for the next build; reloads after a good one, shows the
// errors of a bad one over the page (which stays the last good version).
(function () {
  var script = document.currentScript;
  var generation = Number(script && script.dataset.generation) || 0;
  function show(html) {
    var old = document.getElementById("motcua-errors");
    if (old) old.remove();
    if (html) document.body.insertAdjacentHTML("beforeend", html);
  }
  function poll() {
    fetch("/__motcua/poll?since=" + generation, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.generation > generation) {
          if (s.ok) { location.reload(); return; }
          generation = s.generation;
          show(s.overlay);
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
