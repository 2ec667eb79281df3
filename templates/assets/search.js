// Dossier site search. Reads the static index that `dossier build` writes beside the search page:
// a small manifest, then only the shards that hold the reader's words and the result metadata
// of the results on screen. The format is described in the README ("Search") and in
// Sources/DossierSearch/SearchIndex.swift; `terms` must fold text exactly as SearchText.swift does.
(function () {
  "use strict";

  var MAX_TERM = 40;
  var SPELLED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ς": "σ" };
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var DIGIT = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charCodeAt(d)] = d;
  var PAGE = 10;

  function isCJK(c) {
    return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3031 && c <= 0x3035) ||
      c === 0x303B || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
  }

  // Lower case, compatibility forms and diacritics folded, letters that do not decompose spelled out.
  function foldText(text) {
    return text.normalize("NFKD").toLowerCase().replace(/[\p{Mn}\p{Me}]/gu, "")
      .replace(/[ßæœøłđðþıς]/g, function (c) { return SPELLED[c]; }).normalize("NFC");
  }

  // The terms of a text: words of letters and digits; CJK runs as character pairs plus their last
  // character; `fold` is the language's extra rules from the manifest ([["ae", "a"], …]).
  function terms(text, fold) {
    var out = [];
    var words = foldText(text).match(/[\p{L}\p{N}\p{Mc}]+/gu) || [];
    words.forEach(function (word) {
      var other = "", cjk = [];
      function flushOther() {
        if (!other) return;
        var term = other;
        for (var i = 0; i < fold.length; i++) term = term.split(fold[i][0]).join(fold[i][1]);
        var chars = Array.from(term);
        if (chars.length > 1 || chars[0].codePointAt(0) >= 0x3000) {
          out.push(chars.length > MAX_TERM ? chars.slice(0, MAX_TERM).join("") : term);
        }
        other = "";
      }
      function flushCJK() {
        if (!cjk.length) return;
        for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
        out.push(cjk[cjk.length - 1]);
        cjk = [];
      }
      Array.from(word).forEach(function (ch) {
        if (isCJK(ch.codePointAt(0))) { flushOther(); cjk.push(ch); } else { flushCJK(); other += ch; }
      });
      flushOther();
      flushCJK();
    });
    return out;
  }

  // A posting list: groups of [class, [documents…]], best class first. Class 16 and up: the term
  // is in the title; class % 16: its occurrences on a log scale (1, 2, 3–4, 5–8, 9+ → 1…5).
  // Base-64 VLQ numbers; gaps between documents.
  function decode(text) {
    var values = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      if (digit === undefined) throw new Error("search index: bad posting list");
      value += (digit & 31) * scale;
      if (digit & 32) { scale *= 32; continue; }
      values.push(value);
      value = 0;
      scale = 1;
    }
    var groups = [];
    for (var j = 0; j < values.length;) {
      var rankClass = values[j], length = values[j + 1], documents = [], previous = -1;
      j += 2;
      for (var k = 0; k < length; k++) { previous += values[j + k] + 1; documents.push(previous); }
      j += length;
      groups.push([rankClass, documents]);
    }
    return groups;
  }

  // The shard that holds `term`: the last whose first term is not after it (UTF-16 order, as built).
  function shardOf(firsts, term) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  window.DossierSearch = { terms: terms, decode: decode, foldText: foldText };

  var root = document.querySelector(".site-search");
  if (!root || !window.fetch || !String.prototype.normalize) return;
  var input = root.querySelector("input");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");
  var indexURL = root.getAttribute("data-index");
  var folder = indexURL.slice(0, indexURL.lastIndexOf("/") + 1);
  var lang = document.documentElement.lang || "en";
  var label = function (name) { return root.getAttribute("data-" + name) || ""; };
  var manifest = null, files = {}, ranked = [], shown = 0, sequence = 0;
  root.hidden = false;

  function load(path) {
    var url = folder + path + "?v=" + manifest.version;
    if (!files[url]) {
      files[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("search index: HTTP " + response.status);
        return response.json();
      });
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }

  function loadManifest() {
    if (manifest) return Promise.resolve(manifest);
    return fetch(indexURL, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    }).then(function (m) { manifest = m; return m; });
  }

  // The query's terms; the last is a prefix while the reader is still typing it.
  function parse(query) {
    var list = terms(query, manifest.fold), seen = {}, unique = [];
    list.forEach(function (t) { if (!seen[t]) { seen[t] = true; unique.push(t); } });
    var typing = /[\p{L}\p{N}\p{M}]$/u.test(query) && unique.length > 0 && unique[unique.length - 1] === list[list.length - 1];
    return { terms: unique, prefix: typing ? unique[unique.length - 1] : null };
  }

  // Shards to load for each term: its own, and for the prefix those of its completions when
  // they are few (short prefixes of common letters match exactly instead).
  function plan(parsed) {
    var firsts = manifest.shards;
    return parsed.terms.map(function (term) {
      var from = shardOf(firsts, term), to = from, expand = false;
      if (term === parsed.prefix && Array.from(term).length >= (isCJK(term.codePointAt(0)) ? 1 : manifest.minPrefix)) {
        var last = shardOf(firsts, term + "\uffff");
        if (last - from < manifest.prefixShards) { to = last; expand = true; }
      }
      var shards = [];
      for (var s = from; s <= to; s++) shards.push(s);
      return { term: term, shards: shards, expand: expand };
    });
  }

  // document → [in title, occurrences] for one term (with its completions when expanding).
  function postings(item, shards) {
    var found = new Map();
    shards.forEach(function (shard) {
      shard.t.forEach(function (t, i) {
        if (t !== item.term && !(item.expand && t.lastIndexOf(item.term, 0) === 0)) return;
        decode(shard.p[i]).forEach(function (group) {
          var title = group[0] >= 16 ? 1 : 0, count = group[0] & 15;
          group[1].forEach(function (doc) {
            var had = found.get(doc);
            found.set(doc, had ? [Math.max(had[0], title), had[1] + count] : [title, count]);
          });
        });
      });
    });
    return found;
  }

  // Title hits first, then the number of matches, then date (documents are numbered newest first).
  function rank(maps) {
    if (!maps.length) return [];
    maps.sort(function (a, b) { return a.size - b.size; });
    var hits = [];
    maps[0].forEach(function (first, doc) {
      var title = first[0], count = first[1];
      for (var i = 1; i < maps.length; i++) {
        var m = maps[i].get(doc);
        if (!m) return;
        title += m[0];
        count += m[1];
      }
      hits.push([doc, title, count]);
    });
    hits.sort(function (a, b) { return b[1] - a[1] || b[2] - a[2] || a[0] - b[0]; });
    return hits.map(function (h) { return h[0]; });
  }

  function search(query, seq) {
    var parsed = parse(query);
    if (!parsed.terms.length) return Promise.resolve(null);
    if (!manifest.shards.length) return Promise.resolve([]);
    var items = plan(parsed);
    return Promise.all(items.map(function (item) {
      return Promise.all(item.shards.map(function (s) { return load("t/" + s + ".json"); }))
        .then(function (shards) { return postings(item, shards); });
    })).then(function (maps) { return seq === sequence ? rank(maps) : null; });
  }

  function showMore(seq) {
    var docs = ranked.slice(shown, shown + PAGE);
    var chunks = {};
    docs.forEach(function (doc) { chunks[Math.floor(doc / manifest.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return load("d/" + c + ".json").then(function (rows) { chunks[c] = rows; });
    })).then(function () {
      if (seq !== sequence) return;
      var first = null;
      docs.forEach(function (doc) {
        var row = chunks[Math.floor(doc / manifest.chunk)][doc % manifest.chunk];
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = row[1];
        a.textContent = row[0];
        li.appendChild(a);
        var meta = document.createElement("span");
        meta.className = "search-meta";
        meta.textContent = " " + row[2] + (row[4] ? " · " + label("licensed") : "");
        li.appendChild(meta);
        if (row[3]) {
          var p = document.createElement("p");
          p.textContent = row[3];
          li.appendChild(p);
        }
        list.appendChild(li);
        if (!first) first = a;
      });
      shown += docs.length;
      more.hidden = shown >= ranked.length;
      return first;
    });
  }

  function say(text) { if (status.textContent !== text) status.textContent = text; }

  function run() {
    var query = input.value;
    var seq = ++sequence;
    if (history.replaceState) {
      var url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
    }
    if (!query.trim()) { list.textContent = ""; more.hidden = true; say(""); return; }
    say(label("loading"));
    loadManifest().then(function () { return search(query, seq); }).then(function (result) {
      if (seq !== sequence) return;
      list.textContent = "";
      ranked = result || [];
      shown = 0;
      more.hidden = true;
      if (result === null) { say(label("short")); return; }
      if (!ranked.length) { say(label("none")); return; }
      return showMore(seq).then(function () {
        if (seq !== sequence) return;
        say(ranked.length === 1 ? label("found-one")
          : label("found").replace("{count}", ranked.length.toLocaleString(lang)));
      });
    }).catch(function () { if (seq === sequence) say(label("error")); });
  }

  var pending = null;
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(run, 150);
  });
  root.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(pending);
    run();
  });
  more.addEventListener("click", function () {
    showMore(sequence).then(function (first) { if (first) first.focus(); });
  });
  // Arrow keys move between the search box and the result links.
  root.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.target === input && event.key === "ArrowDown" && links.length) links[0].focus();
    else if (at >= 0 && event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
    else if (at > 0 && event.key === "ArrowUp") links[at - 1].focus();
    else if (at === 0 && event.key === "ArrowUp") input.focus();
    else return;
    event.preventDefault();
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
