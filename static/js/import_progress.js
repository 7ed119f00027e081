// The progress of an import's background check (templates/guardians/import_progress.html):
//   <div data-import-progress="JSON URL"> <p data-import-progress-text> <progress> </div>
// Asks the JSON URL every second ({text, done, total, failure, next}); shows the rows done; goes to `next`
// (the column mapping or the preview) when the check is done, and reloads the page to show a failure.
// Without JavaScript the page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";

  function follow(box) {
    var url = box.getAttribute("data-import-progress");
    var text = box.querySelector("[data-import-progress-text]");
    var bar = box.querySelector("progress");

    function ask() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (state) {
          if (state.next) {
            window.location.assign(state.next);
            return;
          }
          if (state.failure) {
            window.location.reload();
            return;
          }
          if (text && state.text) {
            text.textContent = state.text;
          }
          if (bar && state.total && state.phase !== "importing") {
            bar.max = state.total;
            bar.value = state.done;
          } else if (bar) {
            bar.removeAttribute("value"); // one transaction: no rows to count, the bar just moves
          }
          window.setTimeout(ask, 1000);
        })
        .catch(function () {
          window.setTimeout(ask, 3000);
        });
    }

    window.setTimeout(ask, 500);
  }

  document.querySelectorAll("[data-import-progress]").forEach(follow);
})();
