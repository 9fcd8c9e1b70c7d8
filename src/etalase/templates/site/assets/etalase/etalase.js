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
    if (!video || !box || !video.dataset.srcHemat) return;
    var choice = remembered();
    var on = choice === null ? slowConnection() : choice === "1";
    function apply(hemat) {
      var src = hemat ? video.dataset.srcHemat : video.dataset.srcWeb;
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

  function setupSearch() {
    var host = document.getElementById("etalase-search");
    if (!host || typeof window.PagefindUI !== "function") return;
    var ui = new window.PagefindUI({
      element: "#etalase-search",
      bundlePath: host.dataset.bundle,
      showImages: true,
      showSubResults: false,
      pageSize: 10,
      translations: host.dataset.placeholder ? { placeholder: host.dataset.placeholder } : {}
    });
    var input = host.querySelector("input[type=text], input[type=search]");
    if (input && host.dataset.label) input.setAttribute("aria-label", host.dataset.label);
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) ui.triggerSearch(q);
  }

  function start() {
    setupPlayer();
    setupSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
