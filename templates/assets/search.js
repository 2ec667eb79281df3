// Dossier site search: loads the static index once and filters it as the reader types.
// Without JavaScript the page keeps its plain list of all briefings.
(function () {
  "use strict";
  var root = document.querySelector(".site-search");
  if (!root || !window.fetch) return;
  var input = root.querySelector("input");
  var status = root.querySelector(".search-status");
  var results = root.querySelector(".search-results");
  var fallback = document.querySelector(".search-fallback");
  var base = root.getAttribute("data-base");
  var items = null, fields = null, haystacks = null;
  root.hidden = false;

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss");
  }

  function load() {
    if (items) return Promise.resolve();
    return fetch(root.getAttribute("data-index")).then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    }).then(function (index) {
      fields = index.fields;
      items = index.items;
      haystacks = items.map(function (item) { return fold(item.join(" ")); });
    });
  }

  function field(item, name) { return item[fields.indexOf(name)] || ""; }

  function show() {
    var query = fold(input.value.trim());
    var terms = query.split(/\s+/).filter(function (t) { return t.length > 0; });
    results.textContent = "";
    if (terms.length === 0) {
      status.textContent = "";
      if (fallback) fallback.hidden = false;
      return;
    }
    if (fallback) fallback.hidden = true;
    var found = [];
    for (var i = 0; i < items.length; i++) {
      var hay = haystacks[i], ok = true;
      for (var j = 0; j < terms.length && ok; j++) ok = hay.indexOf(terms[j]) !== -1;
      if (!ok) continue;
      var title = fold(field(items[i], "title")), score = 0;
      for (var k = 0; k < terms.length; k++) if (title.indexOf(terms[k]) !== -1) score += 3;
      found.push([score, i]);
    }
    // Title matches first; otherwise the index order, which is newest first.
    found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    status.textContent = found.length
      ? found.length + " " + root.getAttribute("data-results-label")
      : root.getAttribute("data-none-label");
    found.slice(0, 50).forEach(function (hit) {
      var item = items[hit[1]];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + field(item, "url");
      a.textContent = field(item, "title");
      var meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = " " + field(item, "date");
      li.appendChild(a);
      li.appendChild(meta);
      var summary = field(item, "summary");
      if (summary) {
        var p = document.createElement("p");
        p.textContent = summary;
        li.appendChild(p);
      }
      results.appendChild(li);
    });
  }

  var pending = null;
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { load().then(show, function (error) { status.textContent = error.message; }); }, 60);
  });
  root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
})();
