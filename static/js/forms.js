/* Fields marked data-autosubmit send their form when changed (no inline handlers: CSP). */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
})();

/* Forms marked data-unsaved-warning ask before the page is left with changes not saved
   (Form-3, plan and budget forms). Submitting the form itself is not leaving it. */
(function () {
  "use strict";
  var dirty = new Set();
  function watched(target) {
    return target && target.form && target.form.matches && target.form.matches("[data-unsaved-warning]");
  }
  function mark(event) {
    if (watched(event.target)) {
      dirty.add(event.target.form);
    }
  }
  document.addEventListener("input", mark);
  document.addEventListener("change", mark);
  document.addEventListener("submit", function (event) {
    dirty.delete(event.target);
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty.size > 0) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

/* Forms marked data-busy-form say they are working once sent (an export made in the request itself
   takes a few seconds): the button marked data-busy-text is disabled and shows a spinner and that text. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-busy-form]")) {
      return;
    }
    var button = form.querySelector("[data-busy-text]");
    if (button) {
      var text = button.getAttribute("data-busy-text");
      window.setTimeout(function () {  // after the browser has collected the form's data
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        button.innerHTML = '<span class="spinner-border spinner-border-sm" aria-hidden="true"></span> ';
        button.appendChild(document.createTextNode(text));
      }, 0);
    }
  });
})();
