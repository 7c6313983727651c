/* The live pages: phone, shared screen and trainer console.
 *
 * One job: keep #stage equal to the latest snapshot from the server, and send what the person
 * does (an answer, a pass, a trainer action) as a Socket.IO event with an acknowledgement.
 * Snapshot HTML is rendered and escaped by the server; this script never builds HTML from text.
 */
(function () {
  "use strict";
  var body = document.body;
  var role = body.dataset.role;
  var stage = document.getElementById("stage");
  var texts = (document.getElementById("texts") || {}).dataset || {};
  var errorLine = document.querySelector("[data-error]");
  var meta = {};
  var shown = null;  // the HTML of the snapshot on the stage
  var auth = { role: role };
  if (role === "phone") auth.code = body.dataset.code;
  else auth.workshop = body.dataset.workshop;

  var socket = io({ auth: auth, transports: ["websocket", "polling"] });
  window.facilitator = { socket: socket, meta: function () { return meta; } };

  var online = false, everConnected = false;
  function setConnection(now) {
    online = now;
    everConnected = everConnected || now;
    document.querySelectorAll("[data-conn]").forEach(function (el) {
      el.textContent = online ? texts.online : texts.offline;
      el.classList.toggle("offline", !online);
    });
    body.classList.toggle("is-offline", !online);
    body.classList.remove("connecting");
    holdAnswers();
    // "Not sent: you are offline" was about then; now the phone can send again.
    if (online && errorLine && errorLine.textContent === texts.notsent) showError("");
  }

  // A phone's answer buttons wait for the first connection (before it, a tap could not be sent):
  // they are disabled until then, and only those the server did not disable itself come back.
  // A connection lost later leaves them as they are: a tap then says "not sent", and that message
  // goes when the connection is back.
  function holdAnswers() {
    if (role !== "phone") return;
    stage.querySelectorAll("button, input[type=submit]").forEach(function (button) {
      if (!everConnected && !button.disabled) { button.disabled = true; button.dataset.waitsForConnection = ""; }
      else if (everConnected && button.dataset.waitsForConnection !== undefined) {
        button.disabled = false; delete button.dataset.waitsForConnection;
      }
    });
  }
  holdAnswers();

  function showError(message) {
    if (!errorLine) return;
    errorLine.textContent = message || "";
    errorLine.hidden = !message;
  }

  // Text someone is typing, a box ticked, a choice made: it survives a new snapshot until the form
  // is sent or reset. Every form that sends something (data-control, data-answer) keeps its
  // drafts, under data-keep-draft="NAME" or else its action and hidden fields (which item it is).
  var drafts = {};
  function draftName(form) {
    if (!form || !form.dataset) return null;
    if (form.dataset.keepDraft) return form.dataset.keepDraft;
    var kind = form.dataset.control || (form.hasAttribute("data-answer") ? "answer" : "");
    if (!kind) return null;
    var which = Array.prototype.filter.call(form.elements, function (field) {
      return field.type === "hidden" && field.name;
    }).map(function (field) { return field.name + "=" + field.value; });
    return kind + "#" + which.join("&");
  }
  function draftKey(field) {
    var name = field && draftName(field.form);
    if (!name || !field.name || field.type === "hidden") return null;
    return name + "|" + field.name + (field.type === "checkbox" ? "=" + field.value : "");
  }
  var edits = {};  // form draft name -> how many times a person changed one of its fields
  function remember(e) {
    var key = draftKey(e.target);
    if (!key) return;
    var name = draftName(e.target.form);
    edits[name] = (edits[name] || 0) + 1;
    if (e.target.type === "checkbox") drafts[key] = e.target.checked;
    else if (e.target.type !== "radio" || e.target.checked) drafts[key] = e.target.value;
  }
  function forget(form) {
    var name = draftName(form);
    if (!name) return;
    Object.keys(drafts).forEach(function (key) {
      if (key.indexOf(name + "|") === 0) delete drafts[key];
    });
  }
  document.addEventListener("input", remember);
  document.addEventListener("change", remember);
  document.addEventListener("reset", function (e) { forget(e.target); }, true);
  // Fold-outs marked data-keep-open="NAME" stay open or closed as the person left them.
  var opened = {};
  stage.addEventListener("toggle", function (e) {
    if (e.target.dataset && e.target.dataset.keepOpen) opened[e.target.dataset.keepOpen] = e.target.open;
  }, true);
  function restoreDrafts() {
    stage.querySelectorAll("details[data-keep-open]").forEach(function (details) {
      if (details.dataset.keepOpen in opened) details.open = opened[details.dataset.keepOpen];
    });
    stage.querySelectorAll("form").forEach(function (form) {
      Array.prototype.forEach.call(form.elements, function (field) {
        var key = draftKey(field);
        if (!key || !(key in drafts)) return;
        if (field.type === "checkbox") field.checked = drafts[key];
        else if (field.type === "radio") field.checked = field.value === drafts[key];
        else field.value = drafts[key];
      });
    });
  }

  // The keyboard stays where it was: the focused control is found again in the new snapshot by
  // its id, or else by what it does (name, value, data) and its place among its look-alikes.
  var CONTROLS = "button, input, select, textarea, a[href], summary, [tabindex]";
  function focusKey(el) {
    if (el.id) return "#" + el.id;
    var parts = [el.tagName, el.getAttribute("name"), el.getAttribute("value")];
    Object.keys(el.dataset).sort().forEach(function (k) {
      if (k !== "step") parts.push(k + "=" + el.dataset[k]);
    });
    return parts.join("|");
  }
  function twinsOf(key) {
    return Array.prototype.filter.call(stage.querySelectorAll(CONTROLS), function (c) { return focusKey(c) === key; });
  }
  function focusPlace(el) {
    var key = focusKey(el);
    return { key: key, nth: Math.max(0, twinsOf(key).indexOf(el)) };
  }
  function findPlace(place) {
    if (place.key.charAt(0) === "#") return document.getElementById(place.key.slice(1));
    var twins = twinsOf(place.key);
    return twins[Math.min(place.nth, twins.length - 1)] || null;
  }

  // Panes that scroll by themselves (data-keep-scroll="NAME") keep their place too.
  function scrollPlaces() {
    var places = {};
    stage.querySelectorAll("[data-keep-scroll]").forEach(function (el) {
      places[el.dataset.keepScroll] = el.scrollTop;
    });
    return places;
  }
  function restoreScroll(places, newStep) {
    stage.querySelectorAll("[data-keep-scroll]").forEach(function (el) {
      if (el.dataset.keepScroll in places) el.scrollTop = places[el.dataset.keepScroll];
      var current = newStep && el.querySelector("[aria-current]");
      if (!current) return;
      var item = current.getBoundingClientRect(), box = el.getBoundingClientRect();
      if (item.top < box.top || item.bottom > box.bottom) el.scrollTop += item.top - box.top - box.height / 3;
    });
  }

  function apply(snapshot) {
    if (!snapshot) return;
    // A snapshot read before the one on screen was overtaken on the way (several server processes).
    if (snapshot.meta && meta.rendered && snapshot.meta.rendered < meta.rendered) return;
    var before = meta.step + "|" + meta.status;
    var next = snapshot.meta || {};
    if (snapshot.html === shown && before === next.step + "|" + next.status) {
      // Nothing to show that is not shown: the page is left alone, so a key half pressed, a
      // button waiting for its answer and the place of the keyboard stay as they are.
      meta = next;
      document.dispatchEvent(new CustomEvent("facilitator:snapshot", { detail: meta }));
      return;
    }
    var active = document.activeElement;
    var inStage = active && active !== stage && stage.contains(active);
    var place = inStage ? focusPlace(active) : null;
    var selection = inStage && typeof active.selectionStart === "number"
      ? [active.selectionStart, active.selectionEnd] : null;
    var scrolls = scrollPlaces();
    meta = next;
    stage.innerHTML = shown = snapshot.html;
    countdownBase = Date.now();
    body.dataset.status = meta.status || "";
    var newStep = before !== meta.step + "|" + meta.status;
    if (newStep) {
      drafts = {};
      opened = {};
      // A phone's message was about the step it left; a console keeps a refusal in view until
      // its next action succeeds (it may be why: another window moved the session on).
      if (role !== "console") showError("");
    } else {
      restoreDrafts();
    }
    restoreScroll(scrolls, newStep);
    holdAnswers();
    // On a phone a new step is new content: the keyboard starts at its top, not on a look-alike
    // button of the step before. The console keeps its control (Next stays Next).
    var again = place && !(newStep && role === "phone") && findPlace(place);
    if (again) {
      again.focus({ preventScroll: true });
      if (selection && typeof again.setSelectionRange === "function") {
        try { again.setSelectionRange(selection[0], selection[1]); } catch (ignored) { /* type without a caret */ }
      }
    } else if (newStep && (inStage || active === stage || active === body)) {
      // A new step starts at its top; the keyboard continues from the stage, not the page's start.
      // Focus elsewhere (the "I need a moment" button, the header) is left where it is.
      if (stage.getBoundingClientRect().top < 0) window.scrollTo(0, 0);
      if (inStage || active === stage) { stage.tabIndex = -1; stage.focus({ preventScroll: true }); }
    }
    document.dispatchEvent(new CustomEvent("facilitator:snapshot", { detail: meta }));
  }

  // -- countdowns: the time left runs on between snapshots -----------------------------------
  var countdownBase = Date.now();
  function tick() {
    stage.querySelectorAll("[data-countdown]").forEach(function (el) {
      var left = parseFloat(el.dataset.left);
      if (el.dataset.running === "1") left -= (Date.now() - countdownBase) / 1000;
      var seconds = Math.max(0, Math.round(left));
      var shown = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
      var time = el.querySelector("[data-countdown-time]");
      if (time && time.textContent !== shown) time.textContent = shown;
      el.classList.toggle("over", left <= 0);
    });
  }
  setInterval(tick, 250);
  document.addEventListener("facilitator:snapshot", function () { tick(); });

  function hello() {
    socket.emit("hello", {}, function (ack) {
      if (ack && ack.ok) afterPress(apply, ack.snapshot); else showError(ack && ack.error);
    });
  }

  // -- a press holds the snapshots back until its click --------------------------------------
  // A snapshot that replaced the stage between the press on a button and its release would lose
  // the click: the browser gives it to what lies under both, which is then no longer the button
  // (the trainer's "reveal" as an answer comes in, or right after "close"; a phone's tap as the
  // count changes). What arrives meanwhile is shown, in order, once the click has been handled,
  // and after a press of a second at the latest.
  var PRESS_HOLDS_MS = 1000;
  var pressed = null, held = [];
  function afterPress(handle, snapshot) {
    if (pressed === null && !held.length) handle(snapshot); else held.push([handle, snapshot]);
  }
  function showHeld() {
    if (pressed !== null) return;
    var waiting = held;
    held = [];
    waiting.forEach(function (item) { item[0](item[1]); });
  }
  function released() {
    if (pressed === null) return;
    clearTimeout(pressed);
    pressed = null;
    setTimeout(showHeld, 100);  // a touch's click may come a moment after the release
  }
  stage.addEventListener("pointerdown", function (e) {
    if (!e.target.closest("button, a, input, select, textarea, label, summary")) return;
    clearTimeout(pressed);
    pressed = setTimeout(released, PRESS_HOLDS_MS);
  });
  document.addEventListener("pointerup", released, true);
  document.addEventListener("pointercancel", released, true);
  window.addEventListener("blur", released);
  document.addEventListener("click", showHeld);  // bubbling: after the stage has sent the action

  // A refusal from the server ends the reconnecting, unless it says to try again (database away).
  var refusedFor = "";
  socket.on("connect", function () {
    setConnection(true);
    if (refusedFor && errorLine && errorLine.textContent === refusedFor) showError("");
    refusedFor = "";
    hello();
  });
  socket.on("disconnect", function () { setConnection(false); });
  socket.on("connect_error", function (err) {
    setConnection(false);
    if (err && err.message && err.message !== "xhr poll error" && err.message !== "websocket error") {
      showError(refusedFor = err.message);
    }
    if (err && err.data && err.data.retry) setTimeout(function () { socket.connect(); }, 3000);
  });
  socket.on("snapshot", function (snapshot) { afterPress(receive, snapshot); });

  // A patch: some parts of the view (marked data-part="NAME" in the full snapshot), sent when
  // answers came in, so that a console of a thousand people is not sent whole for a count. It
  // applies only to the step on the stage; anything else asks for the full snapshot again.
  function receive(snapshot) {
    if (!snapshot || !snapshot.parts) { apply(snapshot); return; }
    var next = snapshot.meta || {};
    if (meta.rendered && next.rendered < meta.rendered) return;
    if (shown === null || next.step !== meta.step || next.status !== meta.status) { hello(); return; }
    var holder = document.createElement("div");
    holder.innerHTML = shown;
    var names = Object.keys(snapshot.parts);
    for (var i = 0; i < names.length; i++) {
      var part = holder.querySelector('[data-part="' + names[i] + '"]');
      if (!part) { hello(); return; }
      part.outerHTML = snapshot.parts[names[i]];
    }
    apply({ html: holder.innerHTML, meta: next });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return String(Date.now()) + Math.random().toString(16).slice(2);
  }

  // Sends once; a button stays busy until the server has answered, so a double tap is one. It is
  // marked aria-disabled, not disabled: a disabled button would drop the keyboard focus.
  function send(event, payload, button, done) {
    if (!socket.connected) { showError(texts.notsent); return; }  // not kept to be sent unseen later
    if (button) {
      if (button.getAttribute("aria-disabled") === "true") return;
      button.setAttribute("aria-disabled", "true");
    }
    attempt(event, payload, button, done, 0);
  }

  // A busy server (or this phone over its budget) answers {busy: true, retry_after}: the same
  // message (the same client id: stored once) goes again by itself, later each time, with a
  // little chance in the delay so that a room does not come back all at once. Only when it stays
  // busy for about a minute does the person see the server's message.
  var RETRIES = 8;
  function attempt(event, payload, button, done, tries) {
    socket.timeout(15000).emit(event, payload, function (err, ack) {
      if (!err && ack && ack.busy && tries < RETRIES) {
        var wait = Math.max(0.25, parseFloat(ack.retry_after) || 0.5) * Math.pow(1.6, tries);
        setTimeout(function () {
          if (socket.connected) { attempt(event, payload, button, done, tries + 1); return; }
          if (button) button.removeAttribute("aria-disabled");
          showError(texts.notsent || "…");
        }, Math.min(15, wait) * (750 + Math.random() * 500));
        return;
      }
      if (button) button.removeAttribute("aria-disabled");
      if (err) { showError(texts.notsent || "…"); return; }
      if (ack && ack.ok) { showError(""); if (done) done(ack); } else showError(ack && ack.error);
    });
  }

  function formData(form) {
    var data = {};
    new FormData(form).forEach(function (value, key) {
      if (key in data) { data[key] = [].concat(data[key], value); } else { data[key] = value; }
    });
    return data;
  }

  function datasetData(el) {
    var data = {};
    Object.keys(el.dataset).forEach(function (k) {
      if (k !== "action" && k !== "key" && k !== "confirmKey") data[k] = el.dataset[k];
    });
    return data;
  }

  // -- phone --------------------------------------------------------------------------------
  stage.addEventListener("click", function (e) {
    var target = e.target.closest("button");
    if (!target || !stage.contains(target)) return;
    if (role === "phone") {
      if (target.hasAttribute("data-pass")) {
        send("answer", { step: meta.step, pass: true, client_id: newId() }, target);
      } else if (target.hasAttribute("data-answer") && target.type === "button") {
        var data = {};
        data[target.dataset.field || "choice"] = target.value;
        send("answer", { step: meta.step, data: data, client_id: newId() }, target);
      } else if (target.dataset.withdraw !== undefined) {
        send("withdraw", { step: meta.step, slot: target.dataset.withdraw }, target);
      } else if (target.dataset.phoneAction) {
        var payload = datasetData(target);
        delete payload.phoneAction;
        send("answer", { step: meta.step, data: Object.assign({ action: target.dataset.phoneAction }, payload), client_id: newId() }, target);
      }
    } else if (role === "console" && target.dataset.action) {
      var confirmText = target.dataset.confirmKey && texts[target.dataset.confirmKey.replace(/-(.)/g, function (_, c) { return c.toUpperCase(); })];
      if (confirmText && !window.confirm(confirmText)) return;
      send("control", { action: target.dataset.action, data: datasetData(target) }, target);
    }
  });

  stage.addEventListener("submit", function (e) {
    var form = e.target;
    e.preventDefault();
    var submit = form.querySelector("button:not([type=button])");
    var sent = JSON.stringify(formData(form));
    var name = draftName(form);
    var typed = edits[name] || 0;
    // Once acknowledged, the form is emptied, unless the person has typed on since it was sent
    // and it no longer holds what was sent: the snapshot of the change often arrives first (the
    // form replaced, the draft put back in, what was sent perhaps gone from it, such as ticked
    // notes now in a cluster), and a quick trainer may already be typing the next agreement.
    // That one is kept.
    var reset = function () {
      var untouched = (edits[name] || 0) === typed;
      var forms = [form];
      stage.querySelectorAll("form").forEach(function (current) {
        if (name && current !== form && draftName(current) === name) forms.push(current);
      });
      if (untouched) forget(form);
      forms.forEach(function (current) {
        if (!stage.contains(current)) return;
        if (!untouched && JSON.stringify(formData(current)) !== sent) return;
        forget(current);
        if (current.hasAttribute("data-reset")) current.reset();
      });
    };
    if (role === "phone" && form.hasAttribute("data-answer")) {
      send("answer", { step: meta.step, data: formData(form), client_id: form.dataset.clientId || (form.dataset.clientId = newId()) }, submit, function () { delete form.dataset.clientId; reset(); });
    } else if (role === "console" && form.dataset.control) {
      send("control", { action: form.dataset.control, data: formData(form) }, submit, reset);
    }
  });

  // -- "I need a moment" ----------------------------------------------------------------------
  var moment = document.querySelector("[data-moment]");
  if (moment) {
    moment.addEventListener("click", function () {
      var on = moment.getAttribute("aria-pressed") !== "true";
      send("moment", { on: on }, moment, function () {
        moment.setAttribute("aria-pressed", on ? "true" : "false");
        moment.querySelector("[data-moment-on]").hidden = !on;
        moment.querySelector("[data-moment-off]").hidden = on;
      });
    });
  }

  // -- keys: n next, p previous, r reveal/hide; presenter clickers ----------------------------
  // A clicker sends PageDown/PageUp (and B or "." for a black screen) to whichever window has
  // the focus: the console, or the shared screen opened from it in the same browser. The screen
  // passes its keys to the console over a BroadcastChannel; only the console acts.
  var KEYS = { ArrowRight: "n", ArrowLeft: "p", PageDown: "n", PageUp: "p", b: "blank", B: "blank", ".": "blank" };
  var channel = window.BroadcastChannel && (role === "console" || role === "screen")
    ? new BroadcastChannel("facilitator-" + body.dataset.workshop) : null;
  function press(key) {
    if (key === "blank") {
      if (role === "screen") toggleBlank(); else if (channel) channel.postMessage({ blank: true });
      return true;
    }
    if (role !== "console") {
      if (channel && (key === "n" || key === "p")) { channel.postMessage({ key: key }); return true; }
      return false;
    }
    var button = stage.querySelector('[data-key="' + key + '"]');
    if (button && !button.disabled) { button.click(); return true; }
    return false;
  }
  if (role === "console" || role === "screen") {
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test((e.target || {}).tagName)) return;
      var key = KEYS[e.key] || (role === "console" ? e.key : null);
      if (key && press(key)) e.preventDefault();
    });
  }
  function toggleBlank() {
    var blank = !body.classList.contains("blanked");
    body.classList.toggle("blanked", blank);
    var cover = document.querySelector("[data-blank]");
    if (cover) cover.hidden = !blank;
  }
  if (channel) {
    channel.onmessage = function (e) {
      var message = e.data || {};
      if (role === "console" && (message.key === "n" || message.key === "p")) press(message.key);
      if (role === "screen" && message.blank) toggleBlank();
    };
  }

  // -- shared screen: full screen -----------------------------------------------------------
  var full = document.querySelector("[data-fullscreen]");
  if (full) {
    var toggleFullscreen = function () {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
    };
    full.addEventListener("click", toggleFullscreen);
    document.addEventListener("keydown", function (e) {
      if (e.key === "f" && !e.ctrlKey && !e.metaKey && !e.altKey) toggleFullscreen();
    });
    document.addEventListener("fullscreenchange", function () {
      full.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false");
    });
  }
})();
