/* Intervision: a phase's countdown ticks between snapshots. A countdown is
 * <span class="countdown" data-deadline="<epoch s>" data-server-now="<epoch s>">; the difference
 * with the server's clock is measured at every snapshot. */
(function () {
  "use strict";
  var skew = 0; // local clock minus server clock, in ms

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    document.querySelectorAll("[data-clock] .countdown[data-deadline]").forEach(function (el) {
      var left = Math.round((Number(el.dataset.deadline) * 1000 + skew - Date.now()) / 1000);
      var shown = Math.max(0, left);
      el.textContent = Math.floor(shown / 60) + ":" + pad(shown % 60);
      el.classList.toggle("over", left <= 0);
    });
  }

  document.addEventListener("facilitator:snapshot", function () {
    var clock = document.querySelector("[data-clock] [data-server-now]");
    if (clock) skew = Date.now() - Number(clock.dataset.serverNow) * 1000;
    tick();
  });
  setInterval(tick, 1000);
  tick();
})();
