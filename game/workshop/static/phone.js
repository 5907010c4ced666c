// The phone page of a workshop room: join with the code, vote, change the vote, give a reason.
// Plain JavaScript, no libraries. Text from the room is only ever set with textContent (never as HTML).
"use strict";

(function () {
  var strings = { nl: {}, en: {} };
  var lang = null;          // the phone's language; null until the room's is known
  var code = "";
  var token = null;
  var state = null;
  var shownKey = "";        // which decision the choice list shows (rebuilt only when it changes)
  var socket = null;
  var polling = false;
  var notice = { key: "", text: "" };  // a confirmation kept until the round changes

  function $(id) { return document.getElementById(id); }

  function tr(key, params) {
    var table = strings[lang || "nl"] || {};
    var text = table[key] !== undefined ? table[key] : (strings.nl[key] !== undefined ? strings.nl[key] : key);
    params = params || {};
    return text.replace(/\{(\w+)\}/g, function (_m, name) {
      return params[name] !== undefined ? String(params[name]) : "{" + name + "}";
    });
  }

  function trn(key, count, params) {
    var form = count === 1 ? "one" : "other";
    var p = Object.assign({ count: count }, params || {});
    return tr(key + "." + form, p);
  }

  function pick(texts) {
    if (!texts) { return ""; }
    return texts[lang] || texts.nl || "";
  }

  function show(el, visible) { el.hidden = !visible; }

  function setError(message) {
    var box = $("error");
    box.textContent = message || "";
    show(box, !!message);
  }

  function request(method, path, body) {
    var options = { method: method, headers: {}, cache: "no-store" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error ? tr("error." + data.error) : response.statusText);
          error.key = data.error;
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  // -- language ------------------------------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = tr("page.title");
    $("title").textContent = tr("page.title");
    $("languages").setAttribute("aria-label", tr("page.language"));
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (el) {
      el.textContent = tr(el.getAttribute("data-t"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.lang"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === lang ? "true" : "false");
    });
    shownKey = "";
    if (state) { render(state); }
    updateReasonLeft();
  }

  function chooseLanguage(event) {
    lang = event.currentTarget.getAttribute("data-lang");
    try { sessionStorage.setItem("omgekeerd.lang", lang); } catch (e) { /* private mode */ }
    applyLanguage();
  }

  // -- joining --------------------------------------------------------------------------------
  function join(event) {
    if (event) { event.preventDefault(); }
    code = $("code").value.trim().toUpperCase();
    if (!code) { $("code").focus(); return; }
    setError("");
    $("status").textContent = tr("page.joining");
    request("POST", "/api/join", { code: code }).then(function (data) {
      token = data.token;
      try { sessionStorage.setItem("omgekeerd.phone", JSON.stringify({ code: code, token: token })); } catch (e) { /* */ }
      if (!lang) { lang = data.state.lang; applyLanguage(); }
      entered(data.state);
    }).catch(function (error) {
      if (!lang) { lang = "nl"; applyLanguage(); }
      $("status").textContent = "";
      setError(error.message);
      $("code").focus();
    });
  }

  function entered(first) {
    show($("join"), false);
    show($("room"), true);
    render(first);
    listen();
  }

  // -- live updates: a WebSocket, else long polling ----------------------------------------------
  function query() {
    return "code=" + encodeURIComponent(code) + "&token=" + encodeURIComponent(token);
  }

  function listen() {
    if (!("WebSocket" in window)) { poll(); return; }
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var opened = false;
    try {
      socket = new WebSocket(scheme + location.host + "/api/live?" + query());
    } catch (e) { poll(); return; }
    socket.onopen = function () { opened = true; setError(""); };
    socket.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.closed) { roomClosed(); return; }
      render(data);
    };
    socket.onclose = function () {
      socket = null;
      if (!token) { return; }
      if (opened) { setTimeout(listen, 1000); } else { poll(); }
    };
  }

  function poll() {
    if (polling || !token) { return; }
    polling = true;
    var since = state ? state.version : 0;
    request("GET", "/api/state?" + query() + "&since=" + since).then(function (data) {
      polling = false;
      setError("");
      render(data);
      poll();
    }).catch(function (error) {
      polling = false;
      if (error.status === 403 || error.status === 410) { roomClosed(); return; }
      setError(tr("page.offline"));
      setTimeout(poll, 2000);
    });
  }

  function roomClosed() {
    token = null;
    try { sessionStorage.removeItem("omgekeerd.phone"); } catch (e) { /* */ }
    $("status").textContent = tr("page.left");
    show($("ballot"), false);
    show($("reason-form"), false);
  }

  // -- what the page shows ----------------------------------------------------------------------
  function choiceText(id) {
    var found = (state.choices || []).filter(function (c) { return c.id === id; })[0];
    return found ? pick(found.text) : id;
  }

  function statusLine(s) {
    if (s.phase === "finished") {
      return tr("page.phase.finished") + (s.ending ? " " + tr("page.ending", { title: pick(s.ending) }) : "");
    }
    if (s.phase === "voting") {
      return tr("page.phase.voting", { round: s.round }) + " " +
        trn("page.voters", s.voters, { phones: s.phones });
    }
    if (s.phase === "closed") { return tr("page.phase.closed"); }
    return s.round || s.feedback ? tr("page.phase.ready") : tr("page.joined");
  }

  function buildChoices(s) {
    var list = $("choices");
    list.textContent = "";
    s.choices.forEach(function (choice, index) {
      var item = document.createElement("li");
      var label = document.createElement("label");
      var input = document.createElement("input");
      var text = document.createElement("span");
      input.type = "radio";
      input.name = "choice";
      input.value = choice.id;
      input.id = "choice-" + index;
      label.htmlFor = input.id;
      text.textContent = pick(choice.text);
      label.appendChild(input);
      label.appendChild(text);
      if (!choice.available) {
        item.className = "unavailable";
        input.disabled = true;
        var why = document.createElement("span");
        why.className = "why";
        why.id = "why-" + index;
        why.textContent = tr("page.unavailable") + ": " + pick(choice.reason);
        text.appendChild(why);
        input.setAttribute("aria-describedby", why.id);
      }
      item.appendChild(label);
      list.appendChild(item);
    });
  }

  function markChosen(s) {
    Array.prototype.forEach.call(document.querySelectorAll("#choices li"), function (item) {
      var input = item.querySelector("input");
      var chosen = input.value === s.voted;
      if (item.className !== "unavailable") { item.className = chosen ? "chosen" : ""; }
      if (chosen && !input.checked && document.activeElement.name !== "choice") { input.checked = true; }
      input.disabled = item.classList.contains("unavailable") || s.phase !== "voting";
    });
  }

  function render(s) {
    state = s;
    $("status").textContent = statusLine(s);
    var situation = s.situation;
    show($("situation-box"), !!situation);
    $("situation").textContent = situation ? pick(situation.text) : "";
    var hasChoices = s.phase !== "finished" && (s.choices || []).length > 0;
    show($("ballot"), hasChoices);
    var key = [lang, situation ? situation.id : "", s.round].join("|");
    if (hasChoices && key !== shownKey) { buildChoices(s); shownKey = key; }
    if (hasChoices) { markChosen(s); }
    $("notice").textContent = notice.key === key && s.phase === "voting" ? notice.text : "";
    var voting = s.phase === "voting";
    show($("vote-button"), voting);
    $("vote-button").textContent = tr(s.voted ? "page.change_vote" : "page.vote");
    if (s.voted) {
      $("my-vote").textContent = tr(voting ? "page.you_voted" : "page.final_vote", { choice: choiceText(s.voted) });
    } else {
      $("my-vote").textContent = s.round && !voting ? tr("page.no_vote") : "";
    }
    show($("reason-form"), voting && !!s.voted);
    $("my-reason").textContent = s.reason ? tr("page.your_reason", { reason: s.reason }) : "";
    renderSpread(s);
    var feedback = s.feedback ? pick(s.feedback) : "";
    show($("feedback-box"), !!feedback);
    $("feedback").textContent = feedback;
  }

  function renderSpread(s) {
    var box = $("spread-box");
    var list = $("spread");
    show(box, !!s.counts);
    list.textContent = "";
    if (!s.counts) { return; }
    var total = 0;
    Object.keys(s.counts).forEach(function (id) { total += s.counts[id]; });
    s.choices.forEach(function (choice) {
      var count = s.counts[choice.id] || 0;
      var item = document.createElement("li");
      var label = document.createElement("span");
      var bar = document.createElement("progress");
      label.textContent = tr("page.spread_item", { choice: pick(choice.text), count: count });
      bar.max = Math.max(total, 1);
      bar.value = count;
      bar.setAttribute("aria-hidden", "true");
      item.appendChild(label);
      item.appendChild(bar);
      list.appendChild(item);
    });
  }

  // -- voting and the reason ---------------------------------------------------------------------
  function vote(event) {
    event.preventDefault();
    var checked = document.querySelector("#choices input:checked");
    if (!checked) { setError(tr("page.pick_first")); return; }
    setError("");
    var wasVoted = state && state.voted;
    request("POST", "/api/vote", { code: code, token: token, choice: checked.value }).then(function (data) {
      if (wasVoted) { setNotice(data.state, tr("page.vote_changed", { choice: choiceText(checked.value) })); }
      render(data.state);
    }).catch(function (error) { setError(error.message); });
  }

  function sendReason(event) {
    event.preventDefault();
    var text = $("reason").value;
    setError("");
    request("POST", "/api/reason", { code: code, token: token, reason: text }).then(function (data) {
      $("reason").value = "";
      updateReasonLeft();
      setNotice(data.state, tr("page.reason_sent"));
      render(data.state);
    }).catch(function (error) { setError(error.message); });
  }

  function setNotice(s, text) {
    notice = { key: [lang, s.situation ? s.situation.id : "", s.round].join("|"), text: text };
  }

  function updateReasonLeft() {
    var left = 140 - $("reason").value.length;
    $("reason-left").textContent = trn("page.chars_left", left);
  }

  // -- start ---------------------------------------------------------------------------------------
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("button.lang"), function (b) {
      b.addEventListener("click", chooseLanguage);
    });
    $("join").addEventListener("submit", join);
    $("ballot").addEventListener("submit", vote);
    $("reason-form").addEventListener("submit", sendReason);
    $("reason").addEventListener("input", updateReasonLeft);
    try { lang = sessionStorage.getItem("omgekeerd.lang"); } catch (e) { lang = null; }
    var params = new URLSearchParams(location.search);
    var wanted = params.get("lang");
    if (wanted === "nl" || wanted === "en") { lang = wanted; }
    request("GET", "/api/strings").then(function (data) {
      strings = data;
      if (lang) { applyLanguage(); }
      resume(params.get("code"));
    }).catch(function () { setError("…"); });
  }

  function resume(urlCode) {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem("omgekeerd.phone") || "null"); } catch (e) { saved = null; }
    if (saved && saved.token && (!urlCode || urlCode.toUpperCase() === saved.code)) {
      code = saved.code;
      token = saved.token;
      request("GET", "/api/state?" + query()).then(function (s) {
        if (!lang) { lang = s.lang; applyLanguage(); }
        entered(s);
      }).catch(function () {
        token = null;
        try { sessionStorage.removeItem("omgekeerd.phone"); } catch (e) { /* */ }
        resume(urlCode);
      });
      return;
    }
    if (urlCode) { $("code").value = urlCode.toUpperCase(); join(); return; }
    if (!lang) { lang = "nl"; applyLanguage(); }
    $("code").focus();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
