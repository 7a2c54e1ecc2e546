// Live sum of a target's weights (plans/target_detail.html): the save button waits for exactly 100.
(function () {
  "use strict";

  // Parse a number typed the Turkish way (12,5 or 1.000) or the English way (12.5) into hundredths.
  function hundredths(text) {
    var raw = (text || "").trim();
    if (!raw) return 0;
    var lang = (document.documentElement.lang || "tr").slice(0, 2);
    var normal = lang === "tr" ? raw.replace(/\./g, "").replace(",", ".") : raw.replace(/,/g, "");
    if (!/^\d+(\.\d{0,2})?$/.test(normal)) return NaN;
    var parts = normal.split(".");
    var cents = (parts[1] || "").padEnd(2, "0");
    return parseInt(parts[0], 10) * 100 + parseInt(cents, 10);
  }

  function format(total) {
    var lang = (document.documentElement.lang || "tr").slice(0, 2);
    var whole = Math.floor(total / 100);
    var cents = total % 100;
    var sep = lang === "tr" ? "," : ".";
    return cents ? whole + sep + String(cents).padStart(2, "0") : String(whole);
  }

  function update(form) {
    var inputs = form.querySelectorAll(".weight-input");
    if (!inputs.length) return;
    var total = 0;
    inputs.forEach(function (input) { total += hundredths(input.value); });
    var out = form.querySelector("#weight-sum");
    var note = form.querySelector("#weight-sum-note");
    var button = form.querySelector("#weights-save");
    var ok = total === 10000;
    out.textContent = isNaN(total) ? "?" : format(total);
    out.classList.toggle("text-danger", !ok);
    out.classList.toggle("text-success", ok);
    if (note) note.textContent = ok ? note.dataset.ok : note.dataset.bad;
    if (button) button.disabled = !ok;
  }

  document.querySelectorAll("form[data-weights]").forEach(function (form) {
    form.addEventListener("input", function () { update(form); });
    update(form);
  });
})();
