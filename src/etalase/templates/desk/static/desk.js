// The curator's desk works without this file; it only saves a few taps.
(function () {
  "use strict";
  // Filters apply as soon as one is chosen.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // "Make it the poster": the second comes from where the player is paused.
  var player = document.getElementById("player");
  var field = document.getElementById("poster_time");
  if (player && field) {
    var fill = function () { field.value = (Math.round(player.currentTime * 10) / 10).toString(); };
    player.addEventListener("pause", fill);
    player.addEventListener("seeked", fill);
  }
  // A rejection needs a reason: say so before the round trip.
  document.querySelectorAll("form.reject").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var own = form.querySelector("[name=reason_own]");
      var listed = form.querySelector("[name=reason]");
      if (!own.value.trim() && !listed.value) {
        event.preventDefault();
        own.setCustomValidity(own.getAttribute("data-required") || " ");
        own.reportValidity();
        own.addEventListener("input", function () { own.setCustomValidity(""); }, { once: true });
      }
    });
  });
  // A decision's button cannot be pressed twice while the preview rebuilds.
  document.querySelectorAll("main form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  });
}());
