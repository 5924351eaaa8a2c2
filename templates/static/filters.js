/* Filters for the publication list (templates/partials/filters.html).
 *
 * Entries are the elements carrying data-year and data-authors (space-
 * separated author ids). Year, author and text combine; the state lives in
 * the URL (?year=&author=&q=) so a filtered view can be shared and reloads
 * the same. Text uses the search engine from search.js when it can load
 * (typos, aliases), and a folded substring match otherwise (e.g. file://).
 */
(function () {
  "use strict";

  var PARAMS = ["year", "author", "q"];

  function fold(text) {
    if (window.labSearch) return window.labSearch.fold(text);
    return text.normalize("NFD").replace(/\p{Mn}/gu, "").replace(/['’`ʼ´]/g, "").toLowerCase();
  }

  function paperId(entry) {
    if (entry.dataset.id) return entry.dataset.id;
    var link = entry.querySelector("a[href*='papers/']");
    var m = link && link.getAttribute("href").match(/papers\/([a-z0-9-]+)\/?(?:index\.html)?(?:[?#].*)?$/);
    return m ? m[1] : "";
  }

  function authorNames(entries) {
    var names = Object.create(null);     // ids are slugs, and "constructor" is a slug
    entries.forEach(function (entry) {
      Array.prototype.forEach.call(entry.querySelectorAll("a[href*='authors/']"), function (a) {
        var m = a.getAttribute("href").match(/authors\/([a-z0-9-]+)\/?(?:index\.html)?(?:[?#].*)?$/);
        if (m && !names[m[1]]) names[m[1]] = a.textContent.trim();
      });
    });
    return names;
  }

  function addOption(select, value, label) {
    var option = document.createElement("option");
    option.value = value;
    option.textContent = label;
    select.appendChild(option);
  }

  function enhance(form) {
    var list = form.parentNode;
    var entries = Array.prototype.slice.call(document.querySelectorAll("[data-year][data-authors]"));
    var year = form.elements.year, author = form.elements.author, q = form.elements.q;
    var count = form.querySelector("[data-filters-count]");
    var lang = document.documentElement.lang || "en";
    var texts = null;       // folded entry texts, for when the index cannot load (file://)
    var ids = entries.map(paperId);
    var sequence = 0;

    var years = Object.create(null), people = Object.create(null);
    entries.forEach(function (e) {
      if (e.dataset.year) years[e.dataset.year] = (years[e.dataset.year] || 0) + 1;
      e.dataset.authors.split(/\s+/).filter(Boolean).forEach(function (id) { people[id] = (people[id] || 0) + 1; });
    });
    Object.keys(years).sort().reverse().forEach(function (y) { addOption(year, y, y + " (" + years[y] + ")"); });
    var names = authorNames(entries);
    Object.keys(people).map(function (id) { return [id, names[id] || id]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1], lang) || (a[0] < b[0] ? -1 : 1); })
      .forEach(function (p) { addOption(author, p[0], p[1] + " (" + people[p[0]] + ")"); });

    function textMatches(query) {
      var words = (query.match(/\S+/g) || []).map(fold);
      var fallback = function () {
        texts = texts || entries.map(function (e) { return fold(e.textContent); });
        return texts.map(function (t) { return words.every(function (w) { return t.indexOf(w) >= 0; }); });
      };
      if (!words.length) return Promise.resolve(null);
      if (!window.labSearch || !form.dataset.index) return Promise.resolve(fallback());
      return window.labSearch.load(form.dataset.index).then(function (engine) {
        return engine.ids(query).then(function (found) {
          return ids.map(function (id) { return found.has(id); });
        });
      }).catch(fallback);
    }

    function setFromUrl() {
      var params = new URLSearchParams(location.search);
      year.value = params.get("year") || "";
      if (year.value !== (params.get("year") || "")) year.value = "";
      author.value = params.get("author") || "";
      if (author.value !== (params.get("author") || "")) author.value = "";
      q.value = params.get("q") || "";
    }

    function writeUrl() {
      var params = new URLSearchParams(location.search);
      PARAMS.forEach(function (name) {
        var value = form.elements[name].value.trim();
        if (value) params.set(name, value); else params.delete(name);
      });
      var search = params.toString();
      var url = location.pathname + (search ? "?" + search : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
    }

    function hideEmptyGroups() {
      var groups = new Set(entries.map(function (e) { return e.parentElement; }));
      groups.forEach(function (group) {
        var empty = !group.querySelector(":scope > [data-year]:not([hidden])");
        group.hidden = empty;
        var heading = group.previousElementSibling;
        if (heading && /^H[1-6]$/.test(heading.tagName)) heading.hidden = empty;
        if (group.parentElement.tagName === "SECTION") group.parentElement.hidden = empty;
      });
    }

    function apply() {
      var mine = ++sequence;
      var y = year.value, a = author.value;
      return textMatches(q.value).then(function (byText) {
        if (mine !== sequence) return;
        var shown = 0;
        entries.forEach(function (e, i) {
          var ok = (!y || e.dataset.year === y) &&
            (!a || e.dataset.authors.split(/\s+/).indexOf(a) >= 0) &&
            (!byText || byText[i]);
          e.hidden = !ok;
          if (ok) shown++;
        });
        hideEmptyGroups();
        var filtered = y || a || q.value.trim();
        var one = lang.slice(0, 2) === "fr" ? shown <= 1 : shown === 1;
        count.textContent = (filtered ? (one ? form.dataset.countOne : form.dataset.count) : form.dataset.countAll)
          .replace("{n}", shown).replace("{total}", entries.length);
        form.dispatchEvent(new CustomEvent("filters:applied", {detail: {shown: shown}}));
      });
    }

    function changed() { writeUrl(); apply(); }

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
    form.addEventListener("change", changed);
    q.addEventListener("input", changed);
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    window.addEventListener("popstate", function () { setFromUrl(); apply(); });
    setFromUrl();
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-filters]"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
