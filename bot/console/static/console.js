// The console's only script: ask without reloading, keep the conversation, copy JSON.
// Without it the form still works (it reloads "/" with the question).
(function () {
  "use strict";
  var form = document.getElementById("ask");
  var input = document.getElementById("q");
  var conversation = document.getElementById("conversation");
  var idField = document.getElementById("conversation_id");
  if (!form || !input || !conversation || !idField) return;
  var button = form.querySelector("button[type=submit]");
  var count = conversation.querySelectorAll("article.card").length;

  function ask(question) {
    question = question.trim();
    if (!question) return;
    count += 1;
    var params = new URLSearchParams({ q: question, conversation_id: idField.value, number: String(count) });
    button.disabled = true;
    conversation.setAttribute("aria-busy", "true");
    fetch("/console/answer?" + params.toString(), { headers: { Accept: "text/html" } })
      .then(function (r) {
        return r.text().then(function (body) {
          if (!r.ok) {
            var message = "The service could not answer (" + r.status + ").";
            try { message = JSON.parse(body).message || message; } catch (e) { /* not JSON */ }
            throw new Error(message);
          }
          return body;
        });
      })
      .then(function (html) {
        conversation.insertAdjacentHTML("beforeend", html);
        var examples = document.getElementById("examples");
        if (examples) examples.hidden = true;
        var card = document.getElementById("answer-" + count);
        var announce = document.getElementById("announce");
        if (card) {
          card.scrollIntoView({ block: "start", behavior: "smooth" });
          var text = card.querySelector(".text");
          if (announce && text) announce.textContent = text.textContent;  // read the answer, not the whole card
        }
        input.value = "";
        input.focus();
      })
      .catch(function (err) {
        var p = document.createElement("p");
        p.className = "error";
        p.setAttribute("role", "alert");
        p.textContent = err.message;
        conversation.appendChild(p);
      })
      .finally(function () {
        button.disabled = false;
        conversation.removeAttribute("aria-busy");
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ask(input.value);
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var suggestion = target.closest("button.suggestion");
    if (suggestion) {
      ask(suggestion.getAttribute("data-question") || suggestion.textContent || "");
      return;
    }
    var copy = target.closest("a.copy-json");
    if (copy) {
      var data = document.getElementById(copy.getAttribute("data-copy") || "");
      if (!data) return;
      event.preventDefault();
      var status = copy.parentElement && copy.parentElement.querySelector(".copied");
      copyText(data.textContent || "").then(function () {
        if (status) status.textContent = "Copied.";
      }, function () {
        if (status) status.textContent = "Could not copy; the JSON is at " + copy.getAttribute("href");
      });
    }
  });

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }
})();
