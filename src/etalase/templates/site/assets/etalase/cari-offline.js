/* Etalase, offline edition: search from file:// (a USB stick, an SD card). A classic
   script over window.ETALASE_INDEX (cari/indeks.js): no fetch(), no modules, no network.
   Entries, innovations and schools are found. Every word typed must begin a word of
   one (title, school, kecamatan, level, category, tags, explanation), or appear inside
   one when it has 4 letters or more; case, accents and apostrophes do not matter.
   Title and school matches come first; words only spoken in a clip (its captions) last. */
(function () {
  "use strict";
  var MAX = 50;

  // Case, accents and apostrophes do not matter: "jumat" finds "Jum'at" and "Jum’at".
  function fold(text) {
    var s = String(text || "").toLowerCase();
    if (s.normalize) s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return s.replace(/['\u2018\u2019\u02bc\u0060\u00b4]/g, "");
  }
  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  function prepare(rows) {
    return rows.map(function (r) {
      var head = " " + words(r.t + " " + r.s + " " + r.k).join(" ");
      var rest = " " + words(r.f + " " + r.x).join(" ");
      var spoken = " " + words(r.v).join(" ");
      return { row: r, head: head, all: head + rest, spoken: spoken };
    });
  }

  // 2 for a word that begins a word of the title or school, 1 elsewhere in the page,
  // 0.5 in what the clip says only (its captions), 0 no match.
  function score(item, term) {
    if (item.head.indexOf(" " + term) >= 0) return 2;
    if (item.all.indexOf(" " + term) >= 0) return 1;
    if (term.length >= 4 && item.all.indexOf(term) >= 0) return 1;
    if (item.spoken.indexOf(" " + term) >= 0) return 0.5;
    if (term.length >= 4 && item.spoken.indexOf(term) >= 0) return 0.5;
    return 0;
  }

  function search(items, query) {
    var terms = words(query);
    if (!terms.length) return [];
    var found = [];
    items.forEach(function (item, order) {
      var total = 0;
      for (var i = 0; i < terms.length; i++) {
        var s = score(item, terms[i]);
        if (!s) return;
        total += s;
      }
      found.push({ item: item, score: total, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return found.map(function (f) { return f.item.row; });
  }

  function snippet(text, query, spoken) {
    var plain = String(text || "");
    var terms = words(query);
    var folded = fold(plain);
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = folded.indexOf(terms[i]);
    if (at < 0 && spoken) return snippet(spoken, query);
    var start = Math.max(0, at - 60);
    var cut = plain.slice(start, start + 180);
    return (start > 0 ? "…" : "") + cut + (start + 180 < plain.length ? "…" : "");
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function show(list, count, rows, query, root) {
    list.textContent = "";
    if (!words(query).length) { count.textContent = ""; return; }
    count.textContent = rows.length
      ? count.dataset.some.replace("{n}", String(rows.length))
      : count.dataset.none;
    rows.slice(0, MAX).forEach(function (r) {
      var li = el("li", "etalase-offline-result");
      var a = el("a", "etalase-offline-result__link");
      a.href = root + r.u;
      if (r.p) {
        var img = el("img", "etalase-offline-result__poster");
        img.src = root + r.p;
        img.alt = "";
        img.loading = "lazy";
        a.appendChild(img);
      }
      a.appendChild(el("span", "etalase-offline-result__title", r.t));
      li.appendChild(a);
      li.appendChild(el("p", "etalase-offline-result__meta", r.s + " · " + r.k));
      li.appendChild(el("p", "etalase-offline-result__text", snippet(r.x, query, r.v)));
      list.appendChild(li);
    });
  }

  function start() {
    var list = document.getElementById("etalase-offline-results");
    var count = document.getElementById("etalase-offline-count");
    var input = document.getElementById("etalase-offline-q");
    if (!list || !count || !input || !window.ETALASE_INDEX) return;
    var items = prepare(window.ETALASE_INDEX);
    var root = list.dataset.root || "";
    function run() { show(list, count, search(items, input.value), input.value, root); }
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) input.value = q;
    input.addEventListener("input", run);
    run();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
