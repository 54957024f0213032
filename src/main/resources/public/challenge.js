// The first-party proof-of-work challenge, asked for while a campaign is flooded (see
// ProofOfWork.java): before the form is sent, find n such that SHA-256("formToken|email|n")
// starts with the given number of zero bits. No request leaves the page for it. Without
// JavaScript, or without WebCrypto, the form is sent as it is and the signature is checked by
// the campaign team before it counts.
(function () {
  'use strict';
  var form = document.querySelector('form.sign-form[data-challenge-bits]');
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    return;
  }
  var bits = parseInt(form.getAttribute('data-challenge-bits'), 10);
  var proof = form.querySelector('input[name=proof]');
  var progress = form.querySelector('.challenge-progress');
  var button = form.querySelector('button[type=submit]');
  var encoder = new TextEncoder();
  var BATCH = 256;

  function zeroBits(buffer) {
    var bytes = new Uint8Array(buffer);
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) {
        count += 8;
        continue;
      }
      var b = bytes[i];
      while ((b & 0x80) === 0) {
        count++;
        b <<= 1;
      }
      return count;
    }
    return count;
  }

  function search(prefix, start) {
    var tries = [];
    for (var n = start; n < start + BATCH; n++) {
      tries.push(window.crypto.subtle.digest('SHA-256', encoder.encode(prefix + n)));
    }
    return Promise.all(tries).then(function (hashes) {
      for (var i = 0; i < hashes.length; i++) {
        if (zeroBits(hashes[i]) >= bits) {
          return start + i;
        }
      }
      return search(prefix, start + BATCH);
    });
  }

  form.addEventListener('submit', function (event) {
    if (proof.value !== '') {
      return;
    }
    event.preventDefault();
    var token = form.querySelector('input[name=formToken]').value;
    var email = form.querySelector('input[name=email]').value.trim().toLowerCase();
    button.disabled = true;
    progress.hidden = false;
    search(token + '|' + email + '|', 0).then(function (n) {
      proof.value = String(n);
      form.submit();
    }, function () {
      form.submit();
    });
  });
})();
