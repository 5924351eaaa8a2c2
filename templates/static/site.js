// Small progressive enhancements; the site works fully without JavaScript.
// Copy buttons: shown only when the Clipboard API is there to back them.
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
  function init() {
    if (!navigator.clipboard || !window.isSecureContext) { return; }
    var buttons = document.querySelectorAll("button[data-copy-target]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copy(event.currentTarget); });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
