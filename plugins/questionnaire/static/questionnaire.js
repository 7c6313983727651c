/* The participant's own profile and personal learning goal, downloaded as Markdown that this
   phone makes from what it shows: nothing of it goes to the server. */
(function () {
  "use strict";
  function text(el) { return (el && el.textContent || "").replace(/\s+/g, " ").trim(); }
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
    var blob = new Blob([lines.join("\n")], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = button.dataset.filename || "leerdoel.md";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });
})();
