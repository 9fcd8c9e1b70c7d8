// The caption editor: a row's button plays the clip from its start; "add a row" adds one.
(function () {
  "use strict";
  var player = document.getElementById("player");
  function seconds(stamp) {
    var parts = String(stamp).trim().replace(",", ".").split(":").map(parseFloat);
    return parts.reduce(function (total, part) { return total * 60 + part; }, 0);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.play");
    if (!button || !player) return;
    var start = button.closest("tr").querySelector("input[name^=start_]").value;
    var at = seconds(start || button.getAttribute("data-start") || "0");
    if (!isNaN(at)) player.currentTime = at;
    player.play().catch(function () { /* needs a tap */ });
  });
  var add = document.getElementById("add-row");
  var body = document.querySelector("#cue-rows tbody");
  if (add && body && body.rows.length) {
    add.addEventListener("click", function () {
      var last = body.rows[body.rows.length - 1];
      var row = last.cloneNode(true);
      var n = body.rows.length;
      row.classList.remove("low");
      Array.prototype.forEach.call(row.querySelectorAll(".badge"), function (b) { b.remove(); });
      Array.prototype.forEach.call(row.querySelectorAll("input, textarea"), function (field) {
        field.name = field.name.replace(/_\d+$/, "_" + n);
        field.value = "";
      });
      body.appendChild(row);
      row.querySelector("input").focus();
    });
  }
})();
