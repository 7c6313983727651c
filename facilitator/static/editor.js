/* The scenario editor: add, remove and re-order items and activities; live checks and preview.
 *
 * The form is rendered by the server from the work forms' field descriptions. An input's name is
 * the path a validation problem names (activities[0].config.statements[3].text); a new item is a
 * copy of its <template> with the placeholder __<level>__ replaced by a fresh token. The order of
 * the items in the page is their order in the scenario, so re-ordering is moving the element.
 * Checks and previews come from the server as JSON; text is only ever set with textContent.
 */
(function () {
  "use strict";
  var editor = document.querySelector("[data-editor]");
  if (!editor) return;
  var panel = document.querySelector("[data-preview]");
  var announcer = editor.querySelector("[data-announce]");
  var ATTRIBUTES = ["name", "id", "for", "aria-describedby", "data-name", "data-messages-for"];
  var counter = 0;
  var dirty = editor.hasAttribute("data-unsaved"); // a refused save: the changes are only here
  var previewing = null; // {item: the activity element, step: number}
  var latest = 0;
  var timer = null;

  function own(root, selector) {
    return root.querySelector(":scope > " + selector);
  }

  function fresh() {
    counter += 1;
    return "n" + Date.now().toString(36) + counter;
  }

  function replaceToken(root, level, token) {
    var placeholder = "__" + level + "__";
    root.querySelectorAll("*").forEach(function (el) {
      ATTRIBUTES.forEach(function (attribute) {
        var value = el.getAttribute(attribute);
        if (value && value.indexOf(placeholder) >= 0) {
          el.setAttribute(attribute, value.split(placeholder).join(token));
        }
      });
      if (el.tagName === "TEMPLATE") replaceToken(el.content, level, token);
    });
  }

  function announce(text) {
    if (announcer) announcer.textContent = text;
  }

  function renumber(repeat) {
    Array.prototype.forEach.call(own(repeat, "[data-items]").children, function (item, index) {
      var position = item.querySelector("[data-position]");
      if (position) position.textContent = String(index + 1);
    });
  }

  function add(repeat, button) {
    var kind = button.parentNode.querySelector("select[data-kind]");
    var template = own(repeat, kind ? 'template[data-template="' + CSS.escape(kind.value) + '"]'
                                     : "template[data-template]");
    if (!template) return;
    var copy = template.content.cloneNode(true);
    replaceToken(copy, repeat.dataset.level, fresh());
    var item = copy.firstElementChild;
    own(repeat, "[data-items]").appendChild(copy);
    renumber(repeat);
    changed();
    var first = item.querySelector("input:not([type=hidden]), textarea, select");
    if (first) first.focus();
  }

  function move(item, delta, button) {
    var sibling = delta < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    item.parentNode.insertBefore(item, delta < 0 ? sibling : sibling.nextElementSibling);
    var repeat = item.parentNode.closest("[data-repeat]");
    renumber(repeat);
    button.focus();
    var place = Array.prototype.indexOf.call(item.parentNode.children, item) + 1;
    announce((announcer.dataset.moved || "").replace("{n}", place));
    changed();
  }

  function remove(item, button) {
    var question = button.dataset.confirmRemove;
    if (question && !window.confirm(question)) return;
    var repeat = item.parentNode.closest("[data-repeat]");
    var next = item.nextElementSibling || item.previousElementSibling;
    if (previewing && previewing.item === item) clearPreview();
    item.remove();
    renumber(repeat);
    announce(announcer.dataset.removed || "");
    var focus = next ? next.querySelector("[data-remove]") : own(repeat, "button[data-add]");
    if (focus) focus.focus();
    changed();
  }

  // -- checks and preview --------------------------------------------------------------------------
  function changed() {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 400);
  }

  function check() {
    var data = new FormData(editor);
    if (editor.dataset.scenario) data.set("scenario", editor.dataset.scenario);
    if (previewing && previewing.item.isConnected) {
      var token = /\[([^\]]+)\]$/.exec(previewing.item.dataset.name);
      data.set("activity", token ? token[1] : "");
      data.set("step", String(previewing.step));
    }
    var sent = ++latest;
    fetch(editor.dataset.previewUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (sent !== latest) return; // a newer check is on its way
        showProblems(answer.problems || []);
        if (previewing) showPreview(answer.preview);
      })
      .catch(function () { /* offline for a moment: the next change checks again */ });
  }

  function showProblems(problems) {
    editor.querySelectorAll("[data-messages-for]").forEach(function (list) {
      list.textContent = "";
      list.hidden = true;
    });
    editor.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    problems.forEach(function (problem) {
      var list = editor.querySelector('[data-messages-for="' + CSS.escape(problem.name) + '"]') ||
        editor.querySelector('[data-messages-for=""]');
      var line = document.createElement("li");
      line.textContent = problem.message;
      list.appendChild(line);
      list.hidden = false;
      var input = editor.querySelector('[name="' + CSS.escape(problem.name) + '"]:not([type=hidden])');
      if (input) input.setAttribute("aria-invalid", "true");
    });
  }

  function preview(item, step) {
    editor.querySelectorAll(".activity.previewing").forEach(function (el) { el.classList.remove("previewing"); });
    item.classList.add("previewing");
    previewing = { item: item, step: step };
    check();
  }

  function clearPreview() {
    previewing = null;
    panel.querySelector("[data-preview-frames]").hidden = true;
    panel.querySelector("[data-preview-nav]").hidden = true;
  }

  function showPreview(shown) {
    var status = panel.querySelector("[data-preview-status]");
    var frames = panel.querySelector("[data-preview-frames]");
    var nav = panel.querySelector("[data-preview-nav]");
    if (!shown) {
      status.textContent = status.dataset.invalid;
      frames.hidden = nav.hidden = true;
      return;
    }
    previewing.step = shown.step;
    var select = nav.querySelector("[data-step-select]");
    select.textContent = "";
    shown.steps.forEach(function (title, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = title;
      select.appendChild(option);
    });
    select.value = String(shown.step);
    nav.querySelector('[data-step="-1"]').disabled = shown.step === 0;
    nav.querySelector('[data-step="1"]').disabled = shown.step >= shown.steps.length - 1;
    status.textContent = shown.error || status.dataset.template.replace("{n}", shown.step + 1)
      .replace("{total}", shown.steps.length);
    nav.hidden = false;
    frames.hidden = Boolean(shown.error);
    if (!shown.error) {
      panel.querySelector('[data-frame="phone"]').srcdoc = shown.phone;
      panel.querySelector('[data-frame="screen"]').srcdoc = shown.screen;
    }
  }

  // -- events ---------------------------------------------------------------------------------------
  editor.addEventListener("click", function (event) {
    var button = event.target.closest("button[type=button]");
    if (!button || !editor.contains(button)) return;
    var item = button.closest("[data-item]");
    if (button.hasAttribute("data-add")) add(button.closest("[data-repeat]"), button);
    else if (button.dataset.move) move(item, Number(button.dataset.move), button);
    else if (button.hasAttribute("data-remove")) remove(item, button);
    else if (button.hasAttribute("data-preview-activity")) preview(item, 0);
  });

  if (panel) {
    panel.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-step]");
      if (!button || !previewing) return;
      previewing.step = Math.max(0, previewing.step + Number(button.dataset.step));
      check();
    });
    panel.addEventListener("change", function (event) {
      if (!event.target.matches("[data-step-select]") || !previewing) return;
      previewing.step = Number(event.target.value);
      check();
    });
  }

  editor.addEventListener("change", changed);
  editor.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty || editor.dataset.scenario) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
