// What was typed survives an ended session (ADR 0007), and the session warns before it ends.
// - Drafts: every POST form on a logged-in page keeps what is typed in localStorage, per page and form.
//   Sent and answered by another page of ours = saved, the draft goes; answered by the login page = the
//   session had ended, the draft stays and is put back (with a notice) when the form's page opens again.
// - Session: a warning two minutes before the idle timeout; typing counts as activity and keeps the
//   session alive; after a login in another tab, the page's CSRF token is refreshed before the next save.
(function () {
  "use strict";
  var body = document.body;
  var data = body.dataset;
  var PREFIX = "eenplan-draft:";
  var MAX_AGE = 12 * 3600 * 1000;
  var SKIP = ["hidden", "password", "file", "submit", "button", "reset", "image"];

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or blocked: drafts are a convenience */ }
  }
  function draftKeys() {
    var keys = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        if (localStorage.key(i).indexOf(PREFIX) === 0) keys.push(localStorage.key(i));
      }
    } catch (e) { /* no storage */ }
    return keys;
  }

  // --- drafts ---------------------------------------------------------------------------------------------
  function draftForm(form) {
    return form.method === "post" && !form.hasAttribute("data-no-draft") && !form.querySelector("input[type=password]");
  }
  function keyOf(form) {
    var action = form.getAttribute("action") || "";
    var same = Array.prototype.filter.call(document.forms, function (f) { return (f.getAttribute("action") || "") === action; });
    return PREFIX + location.pathname + "|" + (form.id || action + "|" + same.indexOf(form));
  }
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && SKIP.indexOf(el.type) === -1;
    });
  }
  function nameOf(el) {
    return el.type === "checkbox" || el.type === "radio" ? el.name + "=" + el.value : el.name;
  }
  function valueOf(el) {
    if (el.type === "checkbox" || el.type === "radio") return el.checked;
    if (el.type === "select-multiple") return Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
    return el.value;
  }
  function read(form) {
    var values = {};
    fields(form).forEach(function (el) { values[nameOf(el)] = valueOf(el); });
    return values;
  }
  function write(form, values) {
    fields(form).forEach(function (el) {
      var v = values[nameOf(el)];
      if (v === undefined) return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = v;
      else if (el.type === "select-multiple") Array.prototype.forEach.call(el.options, function (o) { o.selected = v.indexOf(o.value) !== -1; });
      else el.value = v;
    });
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function notice(form) {
    var box = document.createElement("div");
    box.className = "utrecht-alert utrecht-alert--info draft-restored";
    box.setAttribute("role", "status");
    var text = document.createElement("p");
    text.className = "utrecht-paragraph";
    text.textContent = data.draftRestored + " ";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "utrecht-button utrecht-button--subtle";
    discard.textContent = data.draftDiscard;
    discard.addEventListener("click", function () {
      store(keyOf(form), null);
      form.reset();
      box.remove();
    });
    text.appendChild(discard);
    box.appendChild(text);
    form.parentNode.insertBefore(box, form);
  }

  function housekeeping() {
    draftKeys().forEach(function (key) {
      var d = load(key);
      if (!d || Date.now() - d.at > MAX_AGE) return store(key, null);
      if (!d.sent) return;
      if ("keepDrafts" in data) { d.sent = false; store(key, d); } // the login page: the session had ended
      else store(key, null); // answered by another page: saved
    });
  }

  function restore() {
    Array.prototype.forEach.call(document.forms, function (form) {
      if (!draftForm(form)) return;
      var d = load(keyOf(form));
      if (!d || d.sent || same(d.values, read(form))) return;
      write(form, d.values);
      var disclosure = form.closest ? form.closest("details") : null;
      if (disclosure) disclosure.open = true; // a change form behind its button: show what came back
      notice(form);
    });
  }

  function remember(evt) {
    var form = evt.target.form;
    if (!form || !draftForm(form)) return;
    store(keyOf(form), { at: Date.now(), sent: false, values: read(form) });
  }

  function sent(evt) {
    var form = evt.target;
    if (!draftForm(form) || form.hasAttribute("hx-post")) return; // htmx saves: see afterRequest below
    var d = load(keyOf(form));
    if (d) { d.sent = true; store(keyOf(form), d); }
  }

  function isLogin(xhr) {
    return !!(xhr && xhr.responseURL && xhr.responseURL.indexOf(data.loginUrl) !== -1);
  }

  function htmxAnswered(evt) {
    var form = evt.detail.elt && evt.detail.elt.closest ? evt.detail.elt.closest("form") : null;
    var xhr = evt.detail.xhr;
    touched();
    if (!form || !xhr) return;
    if (isLogin(xhr)) { sessionEnded(); return; }
    if (xhr.status >= 200 && xhr.status < 300) store(keyOf(form), null);
  }

  // --- session --------------------------------------------------------------------------------------------
  var ageMs = parseInt(data.sessionSeconds, 10) * 1000;
  // The server saves the session at most once per refresh interval (eenplan.core.session), so after a
  // request the session has at least the age minus that interval left; the page says what it really has.
  var refreshMs = (parseInt(data.sessionRefresh, 10) || 0) * 1000;
  var leftMs = parseInt(data.sessionLeft, 10);
  var expiresAt = Date.now() + (isNaN(leftMs) ? ageMs - refreshMs : leftMs * 1000);
  var lastInput = 0;
  var lastPing = Date.now();
  var ended = false;
  var warning = document.getElementById("session-warning");

  function touched() { expiresAt = Date.now() + ageMs - refreshMs; lastPing = Date.now(); }

  function show(state) {
    if (!warning) return;
    warning.hidden = !state;
    warning.querySelectorAll("[data-state]").forEach(function (p) { p.hidden = p.dataset.state !== state; });
  }

  function setToken(token) {
    document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) { input.value = token; });
    var headers = body.getAttribute("hx-headers");
    if (headers) body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": token }));
  }

  function sessionEnded() {
    ended = true;
    show("ended");
    if (warning) warning.focus();
  }

  function ping() {
    lastPing = Date.now();
    return fetch(data.sessionUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        setToken(s.csrfToken);
        if (s.authenticated) { ended = false; expiresAt = Date.now() + s.expiresIn * 1000; show(null); } else sessionEnded();
      })
      .catch(function () { /* offline: try again later */ });
  }

  function tick() {
    var left = expiresAt - Date.now();
    if (ended) return;
    if (lastInput > lastPing && left < ageMs / 2) { ping(); return; } // typing is activity
    if (left <= 0) ping();
    else if (left < 120 * 1000) show("expiring");
  }

  housekeeping();
  if (!("drafts" in data)) return;
  restore();
  document.addEventListener("input", function (evt) { lastInput = Date.now(); remember(evt); });
  document.addEventListener("change", remember);
  document.addEventListener("submit", sent);
  document.addEventListener("htmx:afterRequest", htmxAnswered);
  document.addEventListener("htmx:beforeSwap", function (evt) { // never swap the login page into a part of the page
    if (!isLogin(evt.detail.xhr)) return;
    evt.detail.shouldSwap = false;
    evt.detail.isError = false;
  });
  var logout = document.querySelector("form.site-header__logout");
  if (logout) logout.addEventListener("submit", function () { draftKeys().forEach(function (k) { store(k, null); }); });
  var extend = warning && warning.querySelector("[data-session-extend]");
  if (extend) extend.addEventListener("click", ping);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") ping(); });
  setInterval(tick, 15 * 1000);
})();
