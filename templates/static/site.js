// Small progressive enhancements; the site works fully without JavaScript.
// Copy buttons: shown only when the Clipboard API is there to back them.
// Citation downloads: made here from the paper page (the site has no file per paper),
// shown only once they work.
(function () {
  "use strict";
  function status(button, text) {
    var box = button.parentNode.querySelector(".copy-status");
    if (box) { box.textContent = text; }
  }
  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    var text = target.textContent;
    navigator.clipboard.writeText(text).then(function () {
      status(button, button.getAttribute("data-copied"));
    }, function () {
      var range = document.createRange();
      range.selectNodeContents(target);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status(button, button.getAttribute("data-failed"));
    });
  }
  function initCopy() {
    if (!navigator.clipboard || !window.isSecureContext) { return; }
    var buttons = document.querySelectorAll("button[data-copy-target]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copy(event.currentTarget); });
    }
  }
  // The formats offered for one paper: file extension and media type.
  var FORMATS = {
    bib: [".bib", "application/x-bibtex"],
    ris: [".ris", "application/x-research-info-systems"],
    csl: [".json", "application/vnd.citationstyles.csl+json"]
  };
  // A CSL item written out as citations.to_csl_json writes it: its keys sorted (they arrive
  // sorted, and JSON.parse keeps their order), with what the page gives back in its place.
  function cslText(item) {
    var out = {};
    Object.keys(item).sort().forEach(function (key) { out[key] = item[key]; });
    return JSON.stringify([out], null, 2) + "\n";
  }
  // The CSL item with what the page holds put back (citations.page_data): the title and the
  // authors from the Scholar tags when "page" names them, the abstract when the RIS takes it.
  function fullItem(data, abstract) {
    var item = {};
    Object.keys(data.csl || {}).forEach(function (key) { item[key] = data.csl[key]; });
    var page = data.page || [];
    if (page.indexOf("title") >= 0) {
      var title = document.querySelector('meta[name="citation_title"]');
      if (!title) { return null; }
      item.title = title.getAttribute("content");
    }
    if (page.indexOf("author") >= 0) {
      item.author = Array.prototype.map.call(document.querySelectorAll('meta[name="citation_author"]'),
        function (meta) { return {literal: meta.getAttribute("content")}; });
    }
    if (abstract !== null) { item.abstract = abstract; }
    return item;
  }
  // The exact bytes of each download, from #citation-data (see citations.page_data): the
  // BibTeX and the abstract are read back from the page rather than embedded twice.
  function citationText(format, data) {
    if (format === "bib") {
      var shown = document.getElementById("bibtex");
      return data.bib !== undefined ? data.bib : shown ? shown.textContent : null;
    }
    var abstract = null;
    if (Array.isArray(data.ris) && data.ris.indexOf(0) >= 0) {
      var meta = document.querySelector('meta[name="citation_abstract"]');
      if (!meta) { return null; }
      abstract = meta.getAttribute("content");
    }
    var item = data.csl ? fullItem(data, abstract) : null;
    if (format === "ris") {
      return !Array.isArray(data.ris) ? data.ris : item ? risParts(data.ris, item, abstract) : null;
    }
    return item ? cslText(item) : null;
  }
  // The RIS from its parts (citations.page_data): a string is itself; 0 is the abstract,
  // 1 the CSL item's title, 2 + i the name of its author i.
  function risParts(parts, item, abstract) {
    return parts.map(function (part) {
      return typeof part === "string" ? part : part === 0 ? abstract
        : part === 1 ? item.title : item.author[part - 2].literal;
    }).join("");
  }
  function initDownloads() {
    var source = document.getElementById("citation-data");
    if (!source || !window.Blob || !window.URL || !URL.createObjectURL) { return; }
    var data;
    try { data = JSON.parse(source.textContent); } catch (error) { return; }
    var links = document.querySelectorAll("a[data-download]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var format = FORMATS[link.getAttribute("data-download")];
      var text = format && citationText(link.getAttribute("data-download"), data);
      if (typeof text !== "string") { continue; }
      link.href = URL.createObjectURL(new Blob([text], {type: format[1]}));
      link.download = source.getAttribute("data-key") + format[0];
      link.type = format[1];
      if (link.hasAttribute("data-label")) {      // a link's name, once it is one (not valid before)
        link.setAttribute("aria-label", link.getAttribute("data-label"));
      }
      link.hidden = false;
      link.parentNode.hidden = false;      // "Other formats:" appears with its first link
    }
  }
  // The header's search box (partials/search.html): search.js builds it, loaded here so that
  // pages do not each name it; the list page names it itself (its filters need it).
  function loadSearch() {
    if (!document.querySelector("[data-search-ui]") || document.querySelector('script[src$="static/search.js"]')) {
      return;
    }
    var script = document.createElement("script");
    script.src = document.body.getAttribute("data-root") + "static/search.js";
    document.head.appendChild(script);
  }
  function init() {
    initCopy();
    initDownloads();
    loadSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
