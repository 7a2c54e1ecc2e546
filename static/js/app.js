/* Behaviour every page shares; no inline script or handler anywhere (Content-Security-Policy). */
(function () {
  "use strict";
  // <select data-autosubmit> and <input type="checkbox" data-autosubmit> send their form on change.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
})();
