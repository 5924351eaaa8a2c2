/* Offline search over the index that site_builder/search.py writes.
 *
 * The engine (window.labSearch) is shared with filters.js. Pages carry
 * only a link to the full list inside a [data-search-ui] hook (site.js loads
 * this script when a page has one); the widget
 * loads that language's strings (search/ui.js, written by search.py from the
 * translation table) and builds the search form in the link's place.
 * Without JavaScript, or if the strings cannot load, the link stays.
 * Folding must stay identical to search.py's fold(): accents, case and
 * apostrophes disappear, so "R'emi", "Rémi" and "REMI" are one token.
 */
(function () {
  "use strict";

  var SPECIAL = {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ħ": "h", "Ħ": "h"};
  var SPECIAL_RE = /[ßæÆœŒøØłŁđĐðÐþÞıħĦ]/g;
  var APOSTROPHES = /['’`ʼ´]/g;
  var TOKEN = /[\p{L}\p{N}]+/gu;
  var FIELD_WEIGHT = {1: 10, 2: 8, 4: 2};   // title, author, abstract
  var MAX_EXPANSIONS = 200;                // tokens a prefix may stand for

  function fold(text) {
    return text.normalize("NFD").replace(/\p{Mn}/gu, "")
      .replace(SPECIAL_RE, function (c) { return SPECIAL[c]; })
      .replace(APOSTROPHES, "").toLowerCase();
  }

  function tokenize(text) { return fold(text).match(TOKEN) || []; }

  /* Damerau-Levenshtein distance, or max + 1 as soon as it exceeds max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur[j] = d;
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  function Engine(url, data) {
    this.url = url;
    this.count = data.count;
    this.chunkSize = data.chunk;
    this.chunks = data.chunks;
    this.shards = data.shards;
    this.facetsFile = data.facets;   // years and people of every document, for the list's filters
    this.stopwords = new Set(data.stopwords || []);
    this.loaded = {};      // file name -> Promise<parsed JSON>
    this.decoded = new Map();   // token -> Map(doc -> field mask); a Map, as "constructor" is a word too
  }

  Engine.prototype.shardKey = function (term) {
    if (this.shards[term.slice(0, 2)]) return term.slice(0, 2);
    var c = term.charAt(0);
    return /[a-z0-9]/.test(c) ? c : "_";
  };

  /* Urgent files (shards, the best result's documents) jump the queue of
   * the less urgent ones when the browser has few connections to spare. */
  Engine.prototype.file = function (name, priority) {
    var self = this;
    if (!this.loaded[name]) {
      this.loaded[name] = fetch(new URL(name, this.url), {priority: priority || "high"}).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.url);
        return r.json();
      }).catch(function (e) { delete self.loaded[name]; throw e; });
    }
    return this.loaded[name];
  };

  Engine.prototype.shard = function (key) {
    return this.shards[key] ? this.file(this.shards[key]) : Promise.resolve({});
  };

  /* [id, title, first authors, how many more, year] for each document number. */
  Engine.prototype.documents = function (numbers, priority) {
    var self = this, size = this.chunkSize;
    var needed = numbers.map(function (n) { return Math.floor(n / size); })
      .filter(function (c, i, all) { return all.indexOf(c) === i; });
    return Promise.all(needed.map(function (c) { return self.file(self.chunks[c], priority); })).then(function (loaded) {
      var byChunk = {};
      needed.forEach(function (c, i) { byChunk[c] = loaded[i]; });
      return numbers.map(function (n) { return byChunk[Math.floor(n / size)][n % size]; });
    });
  };

  Engine.prototype.postings = function (token, encoded) {
    var map = this.decoded.get(token);
    if (!map) {
      map = new Map();
      var doc = 0;
      for (var i = 0; i < encoded.length; i++) {
        doc += encoded[i] >> 3;
        map.set(doc, encoded[i] & 7);
      }
      this.decoded.set(token, map);
    }
    return map;
  };

  /* Tokens of a shard that a term stands for, each with a match weight.
   * Typos are tried only when the term matches no token as typed (or as a
   * prefix): "remi" must not also bring every "semi" and "demi". */
  function expand(term, tokens, asPrefix) {
    var found = [], expansions = 0, token;
    for (token in tokens) {
      if (token === term) found.push([token, 1]);
      else if (asPrefix && term.length >= 2 && token.lastIndexOf(term, 0) === 0 &&
               expansions++ < MAX_EXPANSIONS) found.push([token, 0.8]);
    }
    var max = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
    if (found.length || !max) return found;
    for (token in tokens) {
      var d = distance(term, token, max);
      if (d <= max) found.push([token, d === 1 ? 0.5 : 0.3]);
      else if (asPrefix && token.length > term.length &&
               distance(term, token.slice(0, term.length), 1) <= 1) found.push([token, 0.4]);
    }
    return found;
  }

  /* Resolves to {total, hits: [{doc, score}], partial}, best first, newest
   * first on ties. The last term counts as a prefix unless the query ends
   * with a space. Papers must match every term; when none does and
   * allowPartial is set, those matching the most terms are returned with
   * partial: true ("that Nash paper with Munos" still finds it). */
  Engine.prototype.search = function (query, allowPartial) {
    var self = this;
    var terms = tokenize(query).filter(function (t, i, all) { return all.indexOf(t) === i; });
    var meaningful = terms.filter(function (t) { return !self.stopwords.has(t); });
    if (meaningful.length) terms = meaningful;
    if (!terms.length) return Promise.resolve({total: 0, hits: [], partial: false});
    var prefixLast = !/[\s\p{P}]$/u.test(query);
    return Promise.all(terms.map(function (t) { return self.shard(self.shardKey(t)); })).then(function (shards) {
      var scores = new Map(), counts = new Map();
      terms.forEach(function (term, i) {
        var perDoc = new Map();
        expand(term, shards[i], prefixLast && i === terms.length - 1).forEach(function (match) {
          self.postings(match[0], shards[i][match[0]]).forEach(function (mask, doc) {
            var s = 0;
            for (var f = 1; f <= 4; f <<= 1) if (mask & f) s += FIELD_WEIGHT[f];
            s *= match[1];
            if (!(perDoc.get(doc) >= s)) perDoc.set(doc, s);
          });
        });
        perDoc.forEach(function (s, doc) {
          scores.set(doc, (scores.get(doc) || 0) + s);
          counts.set(doc, (counts.get(doc) || 0) + 1);
        });
      });
      var most = 0;
      counts.forEach(function (n) { if (n > most) most = n; });
      var partial = most < terms.length;
      var wanted = partial ? (allowPartial && terms.length > 1 ? most : Infinity) : terms.length;
      var hits = [];
      scores.forEach(function (score, doc) { if (counts.get(doc) === wanted) hits.push({doc: doc, score: score}); });
      hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return {total: hits.length, hits: hits, partial: partial && hits.length > 0};
    });
  };

  /* Paper ids matching a query (for the publication-list filter). */
  Engine.prototype.ids = function (query) {
    var self = this;
    return this.search(query).then(function (r) {
      return self.documents(r.hits.map(function (h) { return h.doc; }));
    }).then(function (docs) {
      return new Set(docs.map(function (d) { return d[0]; }));
    });
  };

  var engines = {};
  window.labSearch = {
    fold: fold,
    tokenize: tokenize,
    distance: distance,
    load: function (url) {
      var absolute = new URL(url, document.baseURI).href;
      if (!engines[absolute]) {
        engines[absolute] = fetch(absolute).then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + r.url);
          return r.json();
        }).then(function (data) { return new Engine(absolute, data); })
          .catch(function (e) { delete engines[absolute]; throw e; });
      }
      return engines[absolute];
    }
  };

  /* ---- The search box ---------------------------------------------- */

  var SHOWN = 10;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  /* ui.js calls labSearch.ui(its own URL, strings): hand them to whoever asked. */
  var waiting = {};      // absolute URL of a ui.js -> callbacks
  window.labSearch.ui = function (url, strings) {
    var callbacks = waiting[url] || [];
    delete waiting[url];
    callbacks.forEach(function (callback) { callback(strings); });
  };

  /* A script, not fetch(): pages opened from disk can still load it. */
  function loadStrings(url, callback) {
    var absolute = new URL(url, document.baseURI).href;
    if (waiting[absolute]) { waiting[absolute].push(callback); return; }
    waiting[absolute] = [callback];
    var script = document.createElement("script");
    script.src = absolute;
    script.onerror = function () { delete waiting[absolute]; };   // the link stays
    document.head.appendChild(script);
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes) node.setAttribute(name, attributes[name]);
    if (text) node.textContent = text;
    return node;
  }

  /* The form, with the ids, labels and ARIA wiring a screen reader relies on. */
  function buildForm(ui, listUrl) {
    var form = element("form", {"class": "search-form", role: "search", action: listUrl, method: "get",
      "data-search": ""});
    form.appendChild(element("label", {"for": "site-search-input"}, ui.label));
    form.appendChild(element("input", {id: "site-search-input", type: "search", name: "q", autocomplete: "off",
      spellcheck: "false", placeholder: ui.placeholder, "aria-controls": "site-search-results",
      "aria-describedby": "site-search-status site-search-hint"}));
    form.appendChild(element("span", {id: "site-search-hint", "class": "search-hint", hidden: ""}, ui.hint));
    form.appendChild(element("p", {id: "site-search-status", "class": "search-status", role: "status",
      "aria-live": "polite", "data-search-status": ""}));
    var popup = element("div", {"class": "search-popup", hidden: "", "data-search-popup": ""});
    popup.appendChild(element("ul", {id: "site-search-results", "class": "search-results",
      "aria-label": ui.resultsLabel, "data-search-results": ""}));
    popup.appendChild(element("a", {"class": "search-see-all", href: listUrl, hidden: "", "data-search-more": ""}));
    form.appendChild(popup);
    return form;
  }

  function enhance(hook, ui, uiUrl) {
    var fallback = hook.querySelector(".search-fallback");
    var form = buildForm(ui, fallback.href);
    var input = form.querySelector("input[type=search]");
    var status = form.querySelector("[data-search-status]");
    var list = form.querySelector("[data-search-results]");
    var more = form.querySelector("[data-search-more]");
    var popup = form.querySelector("[data-search-popup]");
    var text = {one: ui.one, many: ui.many, none: ui.none, partial: ui.partial, more: ui.more,
      seeAll: ui.seeAll, error: ui.error, index: new URL(ui.index, uiUrl).href};
    var base = new URL(fallback.href);
    var sequence = 0;

    fallback.hidden = true;
    hook.insertBefore(form, fallback);

    function close() {
      popup.hidden = true;
      more.hidden = true;
      list.textContent = "";
    }

    function say(message) { status.textContent = message; }

    function item(doc) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = new URL("../papers/" + doc[0] + "/", text.index).href;     // index.json is in <lang>/search/
      var title = document.createElement("span");
      title.className = "search-title";
      title.textContent = doc[1];
      var meta = document.createElement("span");
      meta.className = "search-meta";
      var names = doc[2].join(", ");
      var people = names + (doc[3] ? (names ? " " : "") + format(text.more, {n: doc[3]}) : "");
      meta.textContent = [people, doc[4]].filter(Boolean).join(" · ");
      a.appendChild(title);
      a.appendChild(meta);
      li.appendChild(a);
      return li;
    }

    /* The count, the "see all" link and the best result; the rest follow. */
    function render(query, result, best) {
      list.textContent = "";
      if (best) list.appendChild(item(best));
      popup.hidden = result.total === 0;
      more.hidden = result.total <= SHOWN;
      if (!more.hidden) {
        var listUrl = new URL(base.href);
        listUrl.searchParams.set("q", query);
        more.href = listUrl.href;
        more.textContent = format(text.seeAll, {n: result.total});
      }
      say(result.total === 0 ? format(text.none, {q: query})
        : result.partial ? format(text.partial, {n: result.total})
        : format(result.total === 1 ? text.one : text.many, {n: result.total}));
    }

    /* Shows the best result as soon as its chunk of documents is here (one
     * small fetch), then the next ones in order. */
    function run(event) {
      var query = input.value;
      var mine = ++sequence;
      var started = event && event.timeStamp ? event.timeStamp : performance.now();
      if (query.trim().length < 2) { close(); say(""); return; }
      window.labSearch.load(text.index).then(function (engine) {
        return engine.search(query, true).then(function (result) {
          var shown = result.hits.slice(0, SHOWN).map(function (h) { return h.doc; });
          return engine.documents(shown.slice(0, 1)).then(function (best) {
            if (mine !== sequence) return;
            render(query, result, best[0]);
            form.dispatchEvent(new CustomEvent("search:results", {detail: {
              query: query, total: result.total, ms: performance.now() - started}}));
            return engine.documents(shown.slice(1), "low");
          }).then(function (rest) {
            if (mine !== sequence || !rest) return;
            rest.forEach(function (doc) { list.appendChild(item(doc)); });
          });
        });
      }).catch(function () {
        if (mine === sequence) { close(); say(text.error); }
      });
    }

    function links() { return Array.prototype.slice.call(form.querySelectorAll("[data-search-results] a, [data-search-more]:not([hidden])")); }

    input.addEventListener("input", run);
    // index.json is 4 KiB gzipped at 10,000 papers: fetch it with the page, so typing
    // waits for one shard and one chunk of documents at most.
    window.labSearch.load(text.index).catch(function () {});
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    form.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : all[at - 1]).focus();
      } else if (event.key === "Escape") {
        if (input.value || !popup.hidden) {
          event.preventDefault();
          input.value = "";
          close();
          say("");
        }
        input.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      var typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
      }
    });
    // The list floats over the page: it goes away when focus or a click leaves the search,
    // and comes back when the visitor returns to the box.
    var pressing = false;   // a click on a result must not close the list under the pointer
    form.addEventListener("pointerdown", function () { pressing = true; });
    document.addEventListener("pointerup", function () { setTimeout(function () { pressing = false; }, 0); });
    form.addEventListener("focusout", function (event) {
      if (!pressing && (!event.relatedTarget || !form.contains(event.relatedTarget))) close();
    });
    input.addEventListener("focus", function () { if (popup.hidden && input.value) run(); });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-search-ui]"), function (hook) {
      // this language's strings: the hook may name them, else <root><lang>/search/ui.js
      var body = document.body.dataset;
      var url = new URL(hook.getAttribute("data-search-ui") || body.root + body.lang + "/search/ui.js",
                        document.baseURI).href;
      loadStrings(url, function (ui) { enhance(hook, ui, url); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
