// Filters the index as you type: a position stays listed when every word typed occurs in its
// title, unit or duties (as the start or any part of a word there, whatever the case).
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  var entries = Array.prototype.slice.call(document.querySelectorAll("li.position"));
  // Divisions before departments, so a department sees whether its divisions are still shown.
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.division"))
    .concat(Array.prototype.slice.call(document.querySelectorAll("section.department")));
  var word = /[\p{L}\p{M}\p{N}_]+/gu;

  function terms(text) {
    return text.normalize("NFC").toLowerCase().match(word) || [];
  }

  function describe(shown, total, filtered) {
    if (!filtered) {
      return "Näidatakse kõiki " + total + " ametijuhendit.";
    }
    if (shown === 0) {
      return "Otsingule ei vasta ükski ametijuhend.";
    }
    var noun = shown === 1 ? " ametijuhend " : " ametijuhendit ";
    return "Otsingule vastab " + shown + noun + total + "-st.";
  }

  function filter() {
    var wanted = terms(input.value);
    var shown = 0;
    entries.forEach(function (entry) {
      var words = entry.getAttribute("data-search");
      var match = wanted.every(function (term) { return words.indexOf(term) !== -1; });
      entry.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector("li.position:not([hidden])") === null;
    });
    status.textContent = describe(shown, entries.length, wanted.length > 0);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", filter);
  form.hidden = false;
  // A browser may restore what was typed when one comes back to the page.
  filter();
}());
