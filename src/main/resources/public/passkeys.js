// Passkeys (WebAuthn) on the admin pages. A form marked data-passkey="create" or "get" carries
// the options for this session's challenge in data-options (made by the server, see
// Passkeys.java); its button asks the browser for a passkey and the form is sent with the
// browser's answer as JSON in the "credential" field. Without WebAuthn (or JavaScript) the forms
// stay hidden and the code from an authenticator app, or a recovery code, does the same job.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return {type: d.type, id: fromBase64url(d.id)};
    });
  }

  function creationOptions(o) {
    o.challenge = fromBase64url(o.challenge);
    o.user.id = fromBase64url(o.user.id);
    o.excludeCredentials = descriptors(o.excludeCredentials);
    return o;
  }

  function requestOptions(o) {
    o.challenge = fromBase64url(o.challenge);
    o.allowCredentials = descriptors(o.allowCredentials);
    return o;
  }

  // the WebAuthn JSON encoding (RegistrationResponseJSON / AuthenticationResponseJSON)
  function asJson(credential) {
    var r = credential.response;
    var response = {clientDataJSON: toBase64url(r.clientDataJSON)};
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) {
        response.userHandle = toBase64url(r.userHandle);
      }
    }
    return JSON.stringify({
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      authenticatorAttachment: credential.authenticatorAttachment || undefined
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-passkey]'), function (form) {
    var creating = form.getAttribute('data-passkey') === 'create';
    var options = JSON.parse(form.getAttribute('data-options'));
    var status = form.querySelector('.passkey-status');
    form.hidden = false;
    form.addEventListener('submit', function (event) {
      var field = form.querySelector('input[name=credential]');
      if (field.value) {
        return;
      }
      event.preventDefault();
      status.textContent = '';
      var asked = creating
          ? navigator.credentials.create({publicKey: creationOptions(options)})
          : navigator.credentials.get({publicKey: requestOptions(options)});
      asked.then(function (credential) {
        field.value = asJson(credential);
        form.submit();
      }, function () {
        // options were turned into buffers: a second try starts from a fresh page and challenge
        status.textContent = form.getAttribute('data-failed');
        options = JSON.parse(form.getAttribute('data-options'));
      });
    });
  });
})();
