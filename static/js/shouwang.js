/* Shouwang: the little behaviour pages need, without inline handlers (the Content-Security-Policy allows
   scripts from our own static files only). Loaded with `defer` from base.html; markup opts in with data
   attributes:
     data-action="print"   a button that prints the page
     data-confirm="…"      on a submit button or a form: ask before submitting, with this question
     data-autosubmit       on a select or input: submit its form when the value changes */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action='print']");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
})();
