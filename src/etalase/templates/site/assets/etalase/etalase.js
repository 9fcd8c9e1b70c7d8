/* Etalase: the data-saver switch of the player and the search page. No dependencies. */
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
    sharpenPoster();
    setupSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
