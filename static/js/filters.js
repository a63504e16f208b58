// The filters fold into one "Filter" control so that on a phone the results come first. Where the
// stylesheet gives them a column beside the results there is nothing to save, so unfold them there.
// Without JavaScript the control simply stays folded until the reader opens it.
(function () {
  "use strict";
  var panel = document.querySelector("[data-filter-panel]");
  if (!panel || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 62rem)");
  function fit() {
    panel.open = wide.matches;
  }
  fit();
  if (wide.addEventListener) {
    wide.addEventListener("change", fit);
  }
})();
