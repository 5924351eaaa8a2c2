/* Filters for the publication list (templates/partials/filters.html).
 *
 * The list is split into pages, but the filters reach every paper: the
 * search index (search.js, site_builder/build/search.py) lists each year's
 * and each person's papers (its f- file) and finds the text. A filtered view
 * replaces the page's entries with the matching papers, newest first, a
 * batch at a time. Year, author and text combine; the state lives in the
 * URL (?year=&author=&q=) so a filtered view can be shared, reloads the
 * same, and the language switcher carries it to the other language.
 *
 * When the index cannot load (a page opened from disk), the filters work on
 * the entries of this page, as they are (data-year, data-authors, their text).
 */
(function () {
  "use strict";

  var PARAMS = ["year", "author", "q"];
  var BATCH = 50;       // matching papers shown at a time

  function fold(text) {
    if (window.labSearch) return window.labSearch.fold(text);
    return text.normalize("NFD").replace(/\p{Mn}/gu, "").replace(/['’`ʼ´]/g, "").toLowerCase();
  }

  function paperId(entry) {
    if (entry.dataset.paper) return entry.dataset.paper;
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

  function undelta(deltas) {
    var out = [], n = 0;
    for (var i = 0; i < deltas.length; i++) { n += deltas[i]; out.push(n); }
    return out;
  }

  /* The f- file as sets: year -> Set(doc), author id -> Set(doc), doc -> [author ids]. */
  function decodeFacets(data) {
    var years = new Map(), authors = new Map(), names = new Map(), byDoc = new Map();
    Object.keys(data.years).forEach(function (y) { years.set(y, new Set(undelta(data.years[y]))); });
    data.authors.forEach(function (row) {
      var docs = undelta(row[2]);
      authors.set(row[0], new Set(docs));
      names.set(row[0], row[1]);
      docs.forEach(function (d) { (byDoc.get(d) || byDoc.set(d, []).get(d)).push(row[0]); });
    });
    return {years: years, authors: authors, names: names, byDoc: byDoc};
  }

  /* The index and its facets, or a rejection (no index, or opened from disk). */
  function loadIndex(url) {
    if (!window.labSearch || !url) return Promise.reject(new Error("no search"));
    return window.labSearch.load(url).then(function (engine) {
      if (!engine.facetsFile) throw new Error("no facets");
      return engine.file(engine.facetsFile).then(function (data) {
        return {engine: engine, facets: decodeFacets(data)};
      });
    });
  }

  function enhance(form) {
    var list = document.getElementById("publications");
    var pagination = document.querySelector("[data-pagination]");
    var range = document.querySelector("[data-list-range]");     // "26–50 on this page"
    var results = document.querySelector("[data-filter-results]");
    var resultList = results && results.querySelector("ol");
    var moreButton = results && results.querySelector("[data-filter-more]");
    var empty = document.querySelector("[data-filters-empty]");
    var entries = Array.prototype.slice.call(list.querySelectorAll("[data-year][data-authors]"));
    var year = form.elements.year, author = form.elements.author, q = form.elements.q;
    var count = form.querySelector("[data-filters-count]");
    var lang = document.documentElement.lang || "en";
    var total = parseInt(form.dataset.total, 10) || entries.length;
    var switcher = Array.prototype.slice.call(document.querySelectorAll(".language-switcher a[hreflang]"));
    switcher.forEach(function (a) { a.dataset.href = a.getAttribute("href"); });
    var texts = null;       // folded entry texts, for when the index cannot load (file://)
    var ids = entries.map(paperId);
    var sequence = 0;
    var index = null;       // {engine, facets} once loaded
    var matches = [], shown = 0;

    function optionsFromPage() {
      var years = Object.create(null), people = Object.create(null);
      entries.forEach(function (e) {
        if (e.dataset.year) years[e.dataset.year] = (years[e.dataset.year] || 0) + 1;
        e.dataset.authors.split(/\s+/).filter(Boolean).forEach(function (id) { people[id] = (people[id] || 0) + 1; });
      });
      var names = authorNames(entries);
      return {
        years: Object.keys(years).map(function (y) { return [y, years[y]]; }),
        people: Object.keys(people).map(function (id) { return [id, names[id] || id, people[id]]; })
      };
    }

    function optionsFromIndex(facets) {
      var years = [], people = [];
      facets.years.forEach(function (docs, y) { years.push([y, docs.size]); });
      facets.authors.forEach(function (docs, id) { people.push([id, facets.names.get(id), docs.size]); });
      return {years: years, people: people};
    }

    function fillOptions(options) {
      options.years.sort(function (a, b) { return a[0] < b[0] ? 1 : -1; })
        .forEach(function (y) { addOption(year, y[0], y[0] + " (" + y[1] + ")"); });
      options.people.sort(function (a, b) { return a[1].localeCompare(b[1], lang) || (a[0] < b[0] ? -1 : 1); })
        .forEach(function (p) { addOption(author, p[0], p[1] + " (" + p[2] + ")"); });
    }

    /* Page mode: which of this page's entries match the text. */
    function pageTextMatches(query) {
      var words = (query.match(/\S+/g) || []).map(fold);
      if (!words.length) return null;
      texts = texts || entries.map(function (e) { return fold(e.textContent); });
      return texts.map(function (t) { return words.every(function (w) { return t.indexOf(w) >= 0; }); });
    }

    function setFromUrl() {
      var params = new URLSearchParams(location.search);
      year.value = params.get("year") || "";
      if (year.value !== (params.get("year") || "")) year.value = "";
      author.value = params.get("author") || "";
      if (author.value !== (params.get("author") || "")) author.value = "";
      q.value = params.get("q") || "";
    }

    /* The language switcher leads to the same view in the other language. */
    function carryToOtherLanguages(search) {
      switcher.forEach(function (a) {
        var href = a.dataset.href.split("?")[0];
        a.setAttribute("href", href + (search ? "?" + search : ""));
      });
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
        var none = !group.querySelector(":scope > [data-year]:not([hidden])");
        group.hidden = none;
        var heading = group.previousElementSibling;
        if (heading && /^H[1-6]$/.test(heading.tagName)) heading.hidden = none;
        if (group.parentElement.tagName === "SECTION") group.parentElement.hidden = none;
      });
    }

    function say(n, filtered, of) {
      var one = lang.slice(0, 2) === "fr" ? n <= 1 : n === 1;
      count.textContent = (filtered ? (one ? form.dataset.countOne : form.dataset.count) : form.dataset.countAll)
        .replace("{n}", n).replace("{total}", of);
      if (empty) empty.hidden = !filtered || n > 0;
    }

    /* One matching paper, from its row of the index: [id, title, first authors, more, year]. */
    function item(doc, number) {
      var li = document.createElement("li");
      li.className = "entry compact";
      li.dataset.paper = doc[0];
      li.dataset.year = doc[4] || "";
      li.dataset.authors = (index.facets.byDoc.get(number) || []).join(" ");
      var h = document.createElement("h3");
      h.className = "entry-title";
      var a = document.createElement("a");
      a.href = new URL("../papers/" + doc[0] + "/", index.engine.url).href;   // index.json is in <lang>/search/
      a.textContent = doc[1];
      h.appendChild(a);
      li.appendChild(h);
      var names = doc[2].join(", ");
      var single = lang.slice(0, 2) === "fr" ? doc[3] <= 1 : doc[3] === 1;
      var people = names ? names + (doc[3] ? " " + form.dataset.more.replace("{n}", doc[3]) : "")
        : doc[3] ? (single ? form.dataset.authorsOne : form.dataset.authors).replace("{n}", doc[3]) : "";
      if (people) {
        var by = document.createElement("p");
        by.className = "byline";
        by.textContent = people;
        li.appendChild(by);
      }
      if (doc[4]) {
        var meta = document.createElement("p");
        meta.className = "meta";
        meta.textContent = doc[4];
        li.appendChild(meta);
      }
      return li;
    }

    function showMore(mine) {
      var next = matches.slice(shown, shown + BATCH);
      shown += next.length;
      moreButton.hidden = shown >= matches.length;
      return index.engine.documents(next).then(function (docs) {
        if (mine !== sequence) return;
        docs.forEach(function (doc, i) { resultList.appendChild(item(doc, next[i])); });
      });
    }

    function showList(on) {
      list.hidden = !on;
      if (pagination) pagination.hidden = !on;
      if (range) range.hidden = !on;
      if (results) results.hidden = on;
    }

    /* Index mode: the matching papers among all of them, in list order (document order). */
    function applyIndex(mine, y, a, query) {
      var facets = index.facets;
      var sets = [];
      if (y) sets.push(facets.years.get(y) || new Set());
      if (a) sets.push(facets.authors.get(a) || new Set());
      var text = query.trim() ? index.engine.search(query).then(function (r) {
        return new Set(r.hits.map(function (h) { return h.doc; }));
      }) : Promise.resolve(null);
      return text.then(function (found) {
        if (mine !== sequence) return;
        if (found) sets.push(found);
        sets.sort(function (s, t) { return s.size - t.size; });
        matches = Array.from(sets[0]).filter(function (d) {
          return sets.every(function (s) { return s.has(d); });
        }).sort(function (m, n) { return m - n; });
        resultList.textContent = "";
        shown = 0;
        showList(false);
        return showMore(mine).then(function () {     // the count once the papers are there to read
          if (mine === sequence) say(matches.length, true, index.engine.count);
        });
      });
    }

    /* Page mode: this page's entries, hidden or shown. */
    function applyPage(y, a, query) {
      var byText = pageTextMatches(query);
      var n = 0;
      entries.forEach(function (e, i) {
        var ok = (!y || e.dataset.year === y) &&
          (!a || e.dataset.authors.split(/\s+/).indexOf(a) >= 0) &&
          (!byText || byText[i]);
        e.hidden = !ok;
        if (ok) n++;
      });
      hideEmptyGroups();
      say(n, y || a || query.trim(), entries.length);
    }

    function apply() {
      var mine = ++sequence;
      var y = year.value, a = author.value, query = q.value;
      var filtered = y || a || query.trim();
      var search = new URLSearchParams(location.search);
      var carried = new URLSearchParams();
      PARAMS.forEach(function (name) { if (search.get(name)) carried.set(name, search.get(name)); });
      carryToOtherLanguages(carried.toString());
      var done;
      if (!index) {
        applyPage(y, a, query);
        done = Promise.resolve();
      } else if (!filtered) {
        showList(true);
        say(total, false, total);
        done = Promise.resolve();
      } else {
        done = applyIndex(mine, y, a, query);
      }
      return done.then(function () {
        if (mine === sequence) form.dispatchEvent(new CustomEvent("filters:applied", {detail: {shown: index ? matches.length : null}}));
      });
    }

    var ready = false, touched = false;

    function changed() {
      touched = true;
      if (!ready) return;       // applied once the options are in (whenReady)
      writeUrl();
      apply();
    }

    /* The form shows at once (the page does not move when the index arrives); its options and
     * the view follow, from the index or, when it cannot load, from this page's entries. */
    function begin() {
      form.setAttribute("aria-busy", "true");
      form.hidden = false;
      form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
      form.addEventListener("change", changed);
      q.addEventListener("input", changed);
      form.addEventListener("reset", function () { setTimeout(changed, 0); });
      if (moreButton) moreButton.addEventListener("click", function () { showMore(sequence); });
      Array.prototype.forEach.call(document.querySelectorAll("[data-filters-clear]"), function (button) {
        button.addEventListener("click", function () { form.reset(); q.focus(); });
      });
      window.addEventListener("popstate", function () { if (ready) { setFromUrl(); apply(); } });
      // "/" reaches the list's search box, as it reaches the header's on other pages.
      document.addEventListener("keydown", function (event) {
        var target = event.target;
        var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
        if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
          event.preventDefault();
          q.focus();
        }
      });
      setFromUrl();
    }

    function whenReady(options) {
      fillOptions(options);
      ready = true;
      var typed = q.value;
      setFromUrl();                   // the year and author of the URL, now that they are options
      if (touched) { q.value = typed; writeUrl(); }
      form.removeAttribute("aria-busy");
      apply();
    }

    begin();
    loadIndex(form.dataset.index).then(function (loaded) {
      index = loaded;
      whenReady(optionsFromIndex(loaded.facets));
    }, function () {
      whenReady(optionsFromPage());
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-filters]"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
