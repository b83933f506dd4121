/* The projector page: the count as votes arrive, and the next step when the facilitator moves on. ES5. */
(function () {
  var main = document.getElementById("main");
  if (!main || !window.XMLHttpRequest || !window.JSON) { return; }
  var token = encodeURIComponent(main.getAttribute("data-token") || "");
  var part = document.getElementById("part");
  var version = part ? part.getAttribute("data-version") : null;

  function get(url, done) {
    var x = new XMLHttpRequest();
    x.open("GET", url, true);
    x.onreadystatechange = function () { if (x.readyState === 4) { done(x.status, x.responseText); } };
    x.send(null);
  }
  function poll() {
    get("/api/screen?t=" + token, function (code, text) {
      if (code === 200) {
        var state = JSON.parse(text);
        if (String(state.version) !== version) {
          get("/screen/part?t=" + token, function (c, html) {
            if (c === 200) {
              main.innerHTML = html;
              part = document.getElementById("part");
              version = part ? part.getAttribute("data-version") : null;
            }
          });
        } else {
          var count = document.getElementById("count");
          if (count && state.count !== null) { count.textContent = String(state.count); }
        }
        if (state.phase === "finished" && String(state.version) === version) { return; }
      }
      setTimeout(poll, 1000);
    });
  }
  setTimeout(poll, 1000);
}());
