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
  // The exact text of a download, from #citation-data (see citations.page_data): the BibTeX
  // and the abstract are read back from the page rather than embedded twice.
  function citationText(format, data) {
    var value = data[format];
    if (format === "bib" && value === undefined) {
      var shown = document.getElementById("bibtex");
      return shown ? shown.textContent : null;
    }
    if (typeof value === "string") { return value; }
    var meta = document.querySelector('meta[name="citation_abstract"]');
    if (!value || !meta) { return null; }
    var abstract = meta.getAttribute("content");
    return value[0] + (format === "csl" ? JSON.stringify(abstract) : abstract) + value[1];
  }
  function initDownloads() {
    var source = document.getElementById("citation-data");
    if (!source || !window.Blob || !window.URL || !URL.createObjectURL) { return; }
    var data;
    try { data = JSON.parse(source.textContent); } catch (error) { return; }
    var links = document.querySelectorAll("a[data-download]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var text = citationText(link.getAttribute("data-download"), data);
      if (text === null) { continue; }
      var type = link.getAttribute("data-type");
      link.href = URL.createObjectURL(new Blob([text], {type: type}));
      link.download = link.getAttribute("data-file");
      link.type = type;
      if (link.hasAttribute("data-label")) {      // a link's name, once it is one (not valid before)
        link.setAttribute("aria-label", link.getAttribute("data-label"));
      }
      link.hidden = false;
      link.parentNode.hidden = false;      // "Other formats:" appears with its first link
    }
  }
  function init() {
    initCopy();
    initDownloads();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
