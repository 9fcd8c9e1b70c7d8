/* Etalase: the player (data saver, 0.75x, transcript) and the search page. No dependencies. */
(function () {
  "use strict";
  var KEY = "etalase-hemat";

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function slowConnection() {
    var c = navigator.connection;
    if (!c) return false;
    return Boolean(c.saveData) || ["slow-2g", "2g", "3g"].indexOf(c.effectiveType) >= 0;
  }

  function setupPlayer() {
    var video = document.getElementById("etalase-video");
    var box = document.querySelector("[data-etalase-saver]");
    if (!video || !box) return;
    // The page names each rendition it carries (data-src-<name>, the rendition list's
    // order, the first in src) and the switch names the data-saver one.
    var main = video.getAttribute("src");
    var saver = video.getAttribute("data-src-" + box.getAttribute("data-etalase-saver"));
    if (!main || !saver) return;
    var choice = remembered();
    var on = choice === null ? slowConnection() : choice === "1";
    function apply(hemat) {
      var src = hemat ? saver : main;
      if (video.getAttribute("src") === src) return;
      var playing = !video.paused;
      var at = video.currentTime;
      video.setAttribute("src", src);
      if (playing || at > 0) {
        video.addEventListener("loadedmetadata", function once() {
          video.removeEventListener("loadedmetadata", once);
          video.currentTime = at;
          if (playing) video.play().catch(function () { /* needs a tap */ });
        });
        video.load();
      }
    }
    box.checked = on;
    apply(on);
    box.addEventListener("change", function () {
      remember(box.checked);
      apply(box.checked);
    });
  }

  // The poster in the HTML fits a phone's player. Where the player shows wider (a tablet,
  // a desktop, a dense screen), take the narrowest poster about as wide as it is shown,
  // unless the clip is already playing.
  function sharpenPoster() {
    var video = document.getElementById("etalase-video");
    if (!video || !video.dataset.posters || !video.width || !video.height) return;
    var shown = Math.min(video.clientWidth, video.clientHeight * video.width / video.height);
    var need = 0.9 * shown * (window.devicePixelRatio || 1);
    var files = video.dataset.posters.split(", ").map(function (item) {
      var cut = item.lastIndexOf(" ");
      return { src: item.slice(0, cut), width: parseInt(item.slice(cut + 1), 10) };
    });
    var current = files.filter(function (f) { return video.getAttribute("poster") === f.src; })[0];
    if (!current || current.width >= need || !video.paused || video.currentTime > 0) return;
    var wider = files.filter(function (f) { return f.width >= need; })[0] || files[files.length - 1];
    if (wider.width > current.width) video.setAttribute("poster", wider.src);
  }

  // 0.75x for a viewer who needs time to read or to follow: a toggle, never autoplay.
  function setupSlower() {
    var video = document.getElementById("etalase-video");
    var button = document.getElementById("etalase-slower");
    if (!video || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var slow = button.getAttribute("aria-pressed") !== "true";
      video.playbackRate = video.defaultPlaybackRate = slow ? 0.75 : 1;
      button.setAttribute("aria-pressed", slow ? "true" : "false");
    });
    // The rate survives a change of source (the data-saver switch loads another file).
    video.addEventListener("loadedmetadata", function () {
      if (button.getAttribute("aria-pressed") === "true") video.playbackRate = 0.75;
    });
  }

  // The transcript: a line plays the clip from its start; the line being spoken is
  // aria-current and kept in view inside the list (without smooth scrolling when the
  // visitor asked for reduced motion). Works from file:// too: the lines are in the page.
  // With several languages, a switch of pressed buttons shows one list at a time and the
  // clip's captions in the same language, where it has them as a track.
  function setupTranscript() {
    var video = document.getElementById("etalase-video");
    var box = document.getElementById("etalase-transcript");
    if (!video || !box) return;
    var parts = Array.prototype.slice.call(box.querySelectorAll(".etalase-transcript__part"));
    var switcher = box.querySelector(".etalase-transcript__switch");
    var shown = box.querySelector(".etalase-transcript__lang");
    var buttons = [];
    var list = null;
    var current = null;
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    box.addEventListener("click", function (event) {
      var line = event.target.closest && event.target.closest("button[data-start]");
      if (!line) return;
      video.currentTime = parseFloat(line.dataset.start);
      mark();
    });
    function choose(lang, byVisitor) {
      parts.forEach(function (part) {
        var on = part.dataset.lang === lang;
        part.hidden = !on;
        if (!on) return;
        list = part.querySelector("ol");
        buttons = Array.prototype.slice.call(part.querySelectorAll("button[data-start]"));
        if (shown) shown.textContent = "· " + part.dataset.label;
      });
      switcher.querySelectorAll("button[data-lang]").forEach(function (b) {
        b.setAttribute("aria-pressed", b.dataset.lang === lang ? "true" : "false");
      });
      var tracks = video.textTracks;
      var has = false;
      for (var i = 0; i < tracks.length; i++) has = has || tracks[i].language === lang;
      if (byVisitor && has) {
        for (var j = 0; j < tracks.length; j++) {
          tracks[j].mode = tracks[j].language === lang ? "showing" : "disabled";
        }
      }
      if (current) current.removeAttribute("aria-current");
      current = null;
      mark();
    }
    if (switcher && parts.length > 1) {
      switcher.hidden = false;
      box.querySelectorAll(".etalase-transcript__name").forEach(function (n) { n.hidden = true; });
      switcher.addEventListener("click", function (event) {
        var b = event.target.closest && event.target.closest("button[data-lang]");
        if (b) choose(b.dataset.lang, true);
      });
      choose(parts[0].dataset.lang, false);
    } else {
      list = box.querySelector("ol");
      buttons = Array.prototype.slice.call(box.querySelectorAll("button[data-start]"));
    }
    function mark() {
      var t = video.currentTime;
      var found = null;
      for (var i = 0; i < buttons.length; i++) {
        if (t >= parseFloat(buttons[i].dataset.start) && t < parseFloat(buttons[i].dataset.end)) {
          found = buttons[i];
          break;
        }
      }
      if (found === current) return;
      if (current) current.removeAttribute("aria-current");
      current = found;
      if (!found) return;
      found.setAttribute("aria-current", "true");
      if (box.open && list && list.scrollHeight > list.clientHeight) {
        var top = found.offsetTop - list.offsetTop - list.clientHeight / 3;
        list.scrollTo({ top: top, behavior: still ? "auto" : "smooth" });
      }
    }
    video.addEventListener("timeupdate", mark);
    video.addEventListener("seeked", mark);
  }

  // Pagefind UI shows the first non-empty filter list it gets. A search that finishes while
  // the UI is still fetching its filter files reports only the filters fetched so far, and
  // the panel never gains the rest. So a search from the link (?q=) waits until every
  // filter is loaded, in the very Pagefind the UI imports (same URL, so the same module);
  // the words of the query load meanwhile. Should that fail, search anyway.
  function whenFiltersLoaded(bundle, q) {
    return import(bundle + "pagefind.js")
      .then(function (pagefind) { return Promise.all([pagefind.filters(), pagefind.preload(q)]); })
      .catch(function () { /* Pagefind UI reports its own loading errors */ });
  }

  function setupSearch() {
    var host = document.getElementById("etalase-search");
    if (!host || typeof window.PagefindUI !== "function") return;
    var bundle = new URL(host.dataset.bundle, document.baseURI).href;
    var ui = new window.PagefindUI({
      element: "#etalase-search",
      bundlePath: bundle,
      showImages: true,
      showSubResults: false,
      pageSize: 10,
      translations: host.dataset.placeholder ? { placeholder: host.dataset.placeholder } : {}
    });
    var input = host.querySelector("input[type=text], input[type=search]");
    if (input && host.dataset.label) input.setAttribute("aria-label", host.dataset.label);
    var q = new URLSearchParams(window.location.search).get("q");
    if (!q) return;
    whenFiltersLoaded(bundle, q).then(function () {
      if (!input || !input.value) ui.triggerSearch(q); // unless the visitor started typing
    });
  }

  function start() {
    setupPlayer();
    setupSlower();
    setupTranscript();
    sharpenPoster();
    setupSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
