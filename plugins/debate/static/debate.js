/* Lagerhuisdebat: the speaking time and the debate time count down between snapshots.
 *
 * A countdown is <span class="countdown" data-deadline="<epoch s>" data-server-now="<epoch s>">.
 * The difference with the server's clock is measured at every snapshot, so a phone whose clock is
 * off still shows the right time.
 */
(function () {
  "use strict";
  var stage = document.getElementById("stage");
  if (!stage) return;
  var skew = 0; // local clock minus server clock, in ms

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    stage.querySelectorAll(".countdown[data-deadline]").forEach(function (el) {
      var left = Math.round((Number(el.dataset.deadline) * 1000 + skew - Date.now()) / 1000);
      var shown = Math.max(0, left);
      el.textContent = Math.floor(shown / 60) + ":" + pad(shown % 60);
      el.classList.toggle("over", left <= 0);
      el.classList.toggle("soon", left > 0 && left <= 10);
    });
  }

  document.addEventListener("facilitator:snapshot", function () {
    var clock = stage.querySelector("[data-server-now]");
    if (clock) skew = Date.now() - Number(clock.dataset.serverNow) * 1000;
    tick();
  });
  setInterval(tick, 1000);
  tick();
})();
