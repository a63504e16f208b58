// Share without third-party scripts: the phone's own share sheet (Zalo, Messenger...) where the
// browser offers one, and a copy button for the page address. Without JavaScript the address
// field can still be selected and copied by hand.
(function () {
  "use strict";
  var field = document.querySelector("[data-share-url]");
  if (!field) {
    return;
  }
  var native = document.querySelector("[data-share-native]");
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: document.title, url: field.value }).catch(function () {});
    });
  }
  var copy = document.querySelector("[data-share-copy]");
  var copied = document.querySelector("[data-share-copied]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        copied.hidden = false;
      });
    });
  }
})();
