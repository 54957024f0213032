// Live counts: keeps the count on a campaign page current through the service's own event
// stream. Without JavaScript (or EventSource) the page simply shows the count it was loaded with.
(function () {
  'use strict';
  if (!window.EventSource) {
    return;
  }
  var boxes = document.querySelectorAll('[data-live-slug]');
  Array.prototype.forEach.call(boxes, function (box) {
    var slug = box.getAttribute('data-live-slug');
    var goal = parseInt(box.getAttribute('data-goal'), 10);
    var number = box.querySelector('[data-live-count]');
    var bar = box.querySelector('progress');
    var percent = box.querySelector('[data-live-percent]');
    function follow() {
      var source = new EventSource('/api/v1/campaigns/' + encodeURIComponent(slug) + '/live');
      source.addEventListener('count', function (event) {
        var count = JSON.parse(event.data).signatureCount;
        number.textContent = count.toLocaleString('en-US');
        if (goal > 0) {
          var share = Math.min(100, Math.floor(count * 100 / goal));
          if (bar) {
            bar.value = share;
          }
          if (percent) {
            percent.textContent = percent.getAttribute('data-pattern').replace('{0}', share);
          }
        }
      });
      // A stream that ends (its longest life, a restart) is reopened by EventSource itself, after
      // the server's retry delay. A refused one (429, 503: too many streams) is closed for good:
      // ask again a minute or two later, not at once.
      source.addEventListener('error', function () {
        if (source.readyState === EventSource.CLOSED) {
          setTimeout(follow, 60000 + Math.floor(Math.random() * 60000));
        }
      });
    }
    follow();
  });
})();
