// "Add another" for Django formsets, without inline JavaScript.
// Markup (templates/guardians/_formset.html):
//   <div data-formset="PREFIX" data-max="N"> … forms … </div>
//   <template data-formset-empty="PREFIX"> one form, with __prefix__ for its index and __num__ for its number </template>
//   <button data-formset-add="PREFIX"> (a submit button: without JavaScript the page saves and comes back
//   with an empty slot)
// A click adds a copy of the empty form and raises PREFIX-TOTAL_FORMS; at N forms the button hides.
(function () {
  "use strict";

  function setUp(button) {
    var prefix = button.getAttribute("data-formset-add");
    var list = document.querySelector('[data-formset="' + prefix + '"]');
    var template = document.querySelector('template[data-formset-empty="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!list || !template || !total) {
      return;
    }
    var max = parseInt(list.getAttribute("data-max"), 10) || 1000;
    // With JavaScript the button adds a form in place; Enter in a field then saves with the form's own button.
    button.type = "button";

    function refresh() {
      button.hidden = parseInt(total.value, 10) >= max;
    }

    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10);
      if (index >= max) {
        return;
      }
      var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      while (holder.firstChild) {
        list.appendChild(holder.firstChild);
      }
      total.value = String(index + 1);
      refresh();
      var field = list.lastElementChild && list.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
      if (field) {
        field.focus();
      }
    });
    refresh();
  }

  document.querySelectorAll("[data-formset-add]").forEach(setUp);
})();
