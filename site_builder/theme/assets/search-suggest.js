// Wide screens have room for the search filters: open their disclosure (closed on phones, where
// the results come first).
(function () {
  var filters = document.querySelector("details.search-filters");
  if (filters && window.matchMedia && window.matchMedia("(min-width: 60em)").matches) filters.open = true;
})();
// Title suggestions while typing (progressive enhancement: the forms work without it).
(function () {
  var list = document.getElementById("q-suggestions");
  if (!list || !window.fetch) return;
  var timer = null;
  function update(input) {
    var q = input.value.trim();
    if (q.length < 2) return;
    fetch("/api/suggest?q=" + encodeURIComponent(q))
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) {
        list.textContent = "";
        (data.suggestions || []).forEach(function (s) {
          var option = document.createElement("option");
          option.value = s.title;
          list.appendChild(option);
        });
      })
      .catch(function () {});
  }
  document.querySelectorAll('input[list="q-suggestions"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { update(input); }, 150);
    });
  });
})();
