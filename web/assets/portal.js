// The submit page's progress bar: sends the file as the request body (so the browser reports
// the upload's progress in bytes), then reads the validation's progress as the server streams
// it (one JSON line per step) and goes to the result. Without this script the form posts as an
// ordinary multipart form and everything still works.
(function () {
  'use strict';
  var form = document.getElementById('submit-form');
  if (!form || !window.XMLHttpRequest) return;
  form.addEventListener('submit', function (event) {
    var file = document.getElementById('file').files[0];
    if (!file) return;  // the server says what is missing
    event.preventDefault();
    var box = document.getElementById('progress');
    var bar = document.getElementById('progress-bar');
    var label = document.getElementById('progress-label');
    var text = document.getElementById('progress-text');
    box.hidden = false;
    var query = new URLSearchParams({
      period: document.getElementById('period').value,
      file_name: file.name,
      dry_run: document.getElementById('dry_run').checked ? 'on' : '',
      confirm_drop: document.getElementById('confirm_drop').checked ? 'on' : ''
    });
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action').split('?')[0] + '?' + query.toString());
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.setRequestHeader('X-CSRF-Token', form.getAttribute('data-csrf'));
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      bar.value = Math.round(100 * e.loaded / e.total);
      text.textContent = 'Sent ' + Math.round(e.loaded / 1048576) + ' of ' + Math.round(e.total / 1048576) + ' MB';
    };
    xhr.upload.onload = function () {
      label.textContent = 'Checking the records';
      bar.value = 0;
    };
    var seen = 0;
    function lines() {
      var body = xhr.responseText;
      var end;
      var out = [];
      while ((end = body.indexOf('\n', seen)) >= 0) {
        out.push(JSON.parse(body.substring(seen, end)));
        seen = end + 1;
      }
      return out;
    }
    xhr.onprogress = function () {
      lines().forEach(show);
    };
    xhr.onload = function () {
      lines().forEach(show);
      if (xhr.status !== 200 && seen === 0) fail('The file could not be sent (' + xhr.status + '). Try again.');
    };
    xhr.onerror = function () { fail('The connection was lost. Nothing was stored: send the file again.'); };
    function show(step) {
      if (step.done) {
        if (step.location) { window.location.assign(step.location); return; }
        if (step.html) {
          var page = new DOMParser().parseFromString(step.html, 'text/html');
          var main = page.getElementById('maincontent');
          document.getElementById('maincontent').replaceWith(main);
          document.title = page.title;
          return;
        }
        fail(step.error || 'Something went wrong.');
        return;
      }
      if (step.total_bytes) {
        bar.value = Math.round(100 * step.validated_bytes / step.total_bytes);
        text.textContent = 'Checked ' + bar.value + '% of the file';
      }
    }
    function fail(message) {
      label.textContent = 'The file was not sent';
      text.textContent = message;
    }
    xhr.send(file);
  });
})();
