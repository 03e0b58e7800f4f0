// certportal: small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so keyboard and screen-reader users land on it.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }

  // A select that follows another («Certifikat» follows «Teknikområde»): only the
  // options of the chosen area are offered.
  document.querySelectorAll("select[data-follows]").forEach(function (select) {
    var leader = document.getElementById(select.getAttribute("data-follows"));
    if (!leader) { return; }
    var options = Array.prototype.slice.call(select.options);
    function sync() {
      var area = leader.value;
      options.forEach(function (o) {
        var fits = !o.value || !area || o.getAttribute("data-area") === area;
        o.hidden = !fits;
        o.disabled = !fits;
      });
      var current = select.options[select.selectedIndex];
      if (current && current.disabled) { select.value = ""; }
    }
    leader.addEventListener("change", sync);
    sync();
  });

  // A whole table row opens its case, as the eye icon in its first cell does.
  document.querySelectorAll("tr[data-href]").forEach(function (row) {
    row.addEventListener("click", function (e) {
      if (e.target.closest("a, button, input, select, textarea")) { return; }
      window.location.href = row.getAttribute("data-href");
    });
  });

  // «Mig personligen» and «Företag» fill the address fields from the profile or the
  // company when they are still empty.
  document.querySelectorAll("input[type=radio][data-fill]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) { return; }
      var values;
      try { values = JSON.parse(radio.getAttribute("data-fill")); } catch (e) { return; }
      Object.keys(values).forEach(function (name) {
        var input = document.getElementById("f-" + name);
        if (input && values[name]) { input.value = values[name]; }
      });
    });
  });

  // «Markera alla» and the count of checked rows beside a bulk action's button (the
  // yearly attestation on the company page). Without this the checkboxes still post.
  document.querySelectorAll("form[data-bulk]").forEach(function (form) {
    var all = form.querySelector("input[data-select-all]");
    var count = form.querySelector("[data-selected-count]");
    var boxes = Array.prototype.slice.call(
      form.querySelectorAll("input[type=checkbox][name=case]"));
    function update() {
      var n = boxes.filter(function (b) { return b.checked; }).length;
      if (all) { all.checked = n > 0 && n === boxes.length; }
      if (count) { count.textContent = n + " / " + boxes.length; }
    }
    if (all) {
      all.hidden = false;
      all.addEventListener("change", function () {
        boxes.forEach(function (b) { b.checked = all.checked; });
        update();
      });
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    update();
  });
})();
