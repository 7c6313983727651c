/* Intervision: the contributor's take-away stays on their own phone (localStorage), can be
 * downloaded as a text file, and is only sent when they press "share". */
(function () {
  "use strict";
  var PREFIX = "facilitator.intervision.";

  function restore() {
    document.querySelectorAll("[data-intervision-keep]").forEach(function (el) {
      var kept = window.localStorage.getItem(PREFIX + el.dataset.intervisionKeep);
      if (kept !== null && el.value === "") el.value = kept;
    });
  }

  document.addEventListener("input", function (e) {
    var el = e.target.closest && e.target.closest("[data-intervision-keep]");
    if (el) window.localStorage.setItem(PREFIX + el.dataset.intervisionKeep, el.value);
  });

  // Capture phase: the take-away is put into the share form before the page script sends it.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute || !form.hasAttribute("data-intervision-share")) return;
    var source = document.querySelector("[data-intervision-keep='takeaway']");
    form.querySelector("[name=takeaway]").value = source ? source.value : "";
  }, true);

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-intervision-download]");
    if (!button) return;
    var source = document.querySelector("[data-intervision-keep='" + button.dataset.intervisionDownload + "']");
    var blob = new Blob([source ? source.value : ""], {type: "text/plain;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "intervisie-wat-ik-meeneem.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  document.addEventListener("facilitator:snapshot", restore);
  restore();
})();
