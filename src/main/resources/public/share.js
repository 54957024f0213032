// Sharing a campaign: the copy button and the browser's own share sheet, where the browser has one.
// Without JavaScript the page still shows the link to copy and plain links to other services.
(function () {
  'use strict';
  var copy = document.querySelector('[data-copy-from]');
  var status = document.querySelector('[data-copy-status]');
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      var field = document.getElementById(copy.getAttribute('data-copy-from'));
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) {
          status.textContent = copy.getAttribute('data-copied');
        }
      }, function () {
        field.select();
      });
    });
  }
  var native = document.querySelector('[data-native-share]');
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener('click', function () {
      navigator.share({ title: native.getAttribute('data-title'), url: native.getAttribute('data-url') })
        .catch(function () { /* the visitor closed the share sheet */ });
    });
  }
})();
