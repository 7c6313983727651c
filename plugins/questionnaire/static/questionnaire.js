/* The participant's own profile and personal learning goal, downloaded as Markdown that this
   phone makes from what it shows (nothing of it goes to the server), or as PDF: the phone sends
   only the goal it shows; the server makes the PDF from this phone's own answers and keeps
   nothing. */
(function () {
  "use strict";
  function text(el) { return (el && el.textContent || "").replace(/\s+/g, " ").trim(); }
  function save(blob, filename) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  document.addEventListener("click", function (e) {
    var pdf = e.target.closest && e.target.closest("[data-quest-pdf]");
    if (!pdf) return;
    var goal = document.querySelector("[data-quest-goal] textarea");
    var body = new FormData();
    body.append("goal", goal ? goal.value : "");
    pdf.disabled = true;
    fetch(pdf.dataset.url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        var found = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
        return response.blob().then(function (blob) { save(blob, found ? found[1] : "leerdoel.pdf"); });
      })
      .catch(function () { window.alert(pdf.dataset.error); })
      .then(function () { pdf.disabled = false; });
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-quest-download]");
    if (!button) return;
    var profile = document.querySelector("[data-quest-profile]");
    var goal = document.querySelector("[data-quest-goal] textarea");
    var lines = ["# " + (profile ? profile.dataset.heading : ""), ""];
    lines.push("## " + button.dataset.labelGoal, "", (goal && goal.value.trim()) || "-", "");
    lines.push("## " + button.dataset.labelProfile, "");
    if (profile) {
      profile.querySelectorAll(".quest-profile-aspect").forEach(function (aspect) {
        lines.push("### " + text(aspect.querySelector("[data-aspect]")), "");
        aspect.querySelectorAll("[data-row]").forEach(function (row) {
          var mark = row.classList.contains("quest-attention") ? " (" + button.dataset.labelAttention.toLowerCase() + ")" : "";
          lines.push("- " + text(row.querySelector("[data-text]")) + ": **" + text(row.querySelector("[data-answer-text]")) + "**" + mark);
        });
        lines.push("");
      });
    }
    save(new Blob([lines.join("\n")], { type: "text/markdown;charset=utf-8" }),
         button.dataset.filename || "leerdoel.md");
  });
})();
