/* The voting page, without reloading: vote by JSON, follow the facilitator by polling.
   ES5 only (no fetch, arrow functions or let) so older phones work; without script the forms still post. */
(function () {
  var main = document.getElementById("main");
  var status = document.getElementById("status");
  if (!main || !window.XMLHttpRequest || !window.JSON || !main.addEventListener) { return; }
  var version = current("data-version");
  var clicked = null;
  var lost = false;

  function current(name) {
    var part = document.getElementById("part");
    return part ? part.getAttribute(name) : null;
  }
  function request(method, url, body, done) {
    var x = new XMLHttpRequest();
    x.open(method, url, true);
    if (body !== null) { x.setRequestHeader("Content-Type", "application/json"); }
    x.onreadystatechange = function () { if (x.readyState === 4) { done(x.status, x.responseText); } };
    x.send(body);
  }
  function say(text) { if (status) { status.textContent = text; } }
  // The page's words in its own language, from the server (data-say-*); English if a page lacks one.
  function words(name, english) { return main.getAttribute("data-say-" + name) || english; }
  // Read aloud (Easy Read): the browser's own speech, nothing fetched; the button stays hidden without it.
  var speech = window.speechSynthesis && window.SpeechSynthesisUtterance ? window.speechSynthesis : null;
  function speakable() {
    var buttons = main.querySelectorAll ? main.querySelectorAll(".speak") : [];
    for (var i = 0; i < buttons.length; i += 1) { if (speech) { buttons[i].hidden = false; } }
  }
  function textOf(node) { return node ? (node.textContent || "").replace(/\s+/g, " ").replace(/^ | $/g, "") : ""; }
  function readAloud(button) {
    if (speech.speaking) { speech.cancel(); button.textContent = button.getAttribute("data-speak"); return; }
    var lang = document.documentElement.lang || "en";
    var voices = speech.getVoices ? speech.getVoices() : [];
    var voice = null;
    for (var i = 0; i < voices.length; i += 1) {
      if (!voice && voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang) === 0) { voice = voices[i]; }
    }
    if (!voice && lang !== "en") { say(button.getAttribute("data-novoice")); return; }
    var parts = [textOf(main.getElementsByTagName("h1")[0]), textOf(main.getElementsByTagName("legend")[0])];
    var answers = main.querySelectorAll(".choices .words");
    for (var j = 0; j < answers.length; j += 1) { parts.push(textOf(answers[j])); }
    var utterance = new window.SpeechSynthesisUtterance(parts.join(". "));
    utterance.lang = voice ? voice.lang : lang;
    if (voice) { utterance.voice = voice; }
    utterance.onend = function () { button.textContent = button.getAttribute("data-speak"); };
    button.textContent = button.getAttribute("data-stop");
    speech.speak(utterance);
  }
  speakable();
  function refresh(moved) {
    request("GET", "/part", null, function (code, html) {
      if (code !== 200) { return; }
      if (speech) { speech.cancel(); }
      main.innerHTML = html;
      speakable();
      version = current("data-version");
      if (moved) {
        var heading = main.getElementsByTagName("h1")[0];
        if (heading) { heading.focus(); }
      }
    });
  }
  function poll() {
    request("GET", "/api/state", null, function (code, text) {
      var wait = 1500;
      if (code === 200) {
        var state = JSON.parse(text);
        if (String(state.version) !== version) { say(""); refresh(true); } else if (lost) { say(""); }
        lost = false;
        if (state.phase === "finished") { wait = 0; }
      } else if (code === 429) {
        wait = 5000;
      } else if (code === 403) {
        lost = true;
        say(words("lost", "This page is no longer joined: scan the code on the screen again."));
        wait = 10000;
      } else {
        lost = true;
        say(words("away", "Cannot reach the facilitator's laptop; trying again…"));
        wait = 4000;
      }
      if (wait) { setTimeout(poll, wait); }
    });
  }
  main.addEventListener("click", function (event) {
    var target = event.target;
    while (target && target !== main && target.tagName !== "BUTTON") { target = target.parentNode; }
    clicked = target && target.tagName === "BUTTON" ? target : null;
    if (clicked && speech && clicked.className === "speak") { readAloud(clicked); }
  }, false);
  main.addEventListener("submit", function (event) {
    var form = event.target;
    var api = form.getAttribute("data-api");
    if (!api || !clicked) { return; }
    event.preventDefault();
    var body = {};
    if (clicked.name === "lens") {
      body.lens = clicked.value;
    } else {
      body.question = form.elements.question.value;
      body.value = clicked.value === "skip" ? null : parseInt(clicked.value, 10);
    }
    say(words("sending", "Sending…"));
    request("POST", api, JSON.stringify(body), function (code, text) {
      if (code === 200) {
        say(clicked && clicked.name === "lens" ? "" : words("in", "Your answer is in."));  // the page itself thanks
        refresh(false);
      } else {
        var message = words("failed", "That did not work: please try again.");
        try { message = JSON.parse(text).error || message; } catch (e) { /* not JSON */ }
        say(message);
        refresh(true);
      }
    });
  }, false);
  setTimeout(poll, 1500);
}());
