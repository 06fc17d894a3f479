// The SPARQL page: a CodeMirror 6 editor (window.CM, vendored) over the textarea, results
// of /sparql as a table, and downloads in every format /sparql serves for the query.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sparql-config").textContent);
  var form = document.getElementById("sparql-form");
  var textarea = document.getElementById("query");
  var results = document.getElementById("results");
  var status = document.getElementById("result-status");
  var formatSelect = document.getElementById("download-format");
  var view = null;

  function text() { return view ? view.state.doc.toString() : textarea.value; }
  function setText(value) {
    if (view) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    else textarea.value = value;
  }

  // ---- the editor
  function prefixCompletions(context) {
    var word = context.matchBefore(/[\w-]*:?[\w-]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    var options = Object.keys(config.prefixes).map(function (name) {
      return { label: name + ":", type: "namespace", detail: config.prefixes[name] };
    });
    options = options.concat(Object.keys(config.prefixes).map(function (name) {
      return { label: "PREFIX " + name + ": <" + config.prefixes[name] + ">", type: "keyword" };
    }));
    ["SELECT", "WHERE", "OPTIONAL", "FILTER", "GRAPH", "ORDER BY", "LIMIT", "DISTINCT", "CONSTRUCT", "ASK", "DESCRIBE", "GROUP BY", "COUNT"]
      .forEach(function (k) { options.push({ label: k, type: "keyword" }); });
    return { from: word.from, options: options, validFor: /^[\w-]*:?[\w-]*$/ };
  }

  if (window.CM) {
    var CM = window.CM;
    var host = document.getElementById("editor");
    view = new CM.EditorView({
      doc: textarea.value,
      extensions: [
        // before basicSetup, so that Ctrl-Enter runs the query instead of inserting a line
        CM.keymap.of([{ key: "Mod-Enter", run: function () { run(); return true; } }]),
        CM.basicSetup,
        CM.StreamLanguage.define(CM.sparql),
        CM.autocompletion({ override: [prefixCompletions] }),
        CM.EditorView.contentAttributes.of({ "aria-labelledby": "query-label", "aria-multiline": "true" }),
        CM.EditorView.updateListener.of(function (u) { if (u.docChanged) { textarea.value = text(); offerFormats(); } }),
      ],
      parent: host,
    });
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
  } else {
    textarea.addEventListener("input", offerFormats);
  }

  // ---- prefixes: declare the known ones a query uses but does not declare
  function withPrefixes(query) {
    var declared = {};
    query.replace(/PREFIX\s+([\w-]*):/gi, function (_, name) { declared[name] = true; return ""; });
    var body = query.replace(/<[^>]*>/g, "").replace(/"(?:[^"\\]|\\.)*"/g, "").replace(/#.*$/gm, "");
    var missing = Object.keys(config.prefixes).filter(function (name) {
      return !declared[name] && new RegExp("(^|[^\\w:-])" + name.replace(/-/g, "\\-") + ":").test(body);
    });
    if (!missing.length) return query;
    return missing.map(function (n) { return "PREFIX " + n + ": <" + config.prefixes[n] + ">"; }).join("\n") + "\n" + query;
  }

  function queryForm(query) {
    var body = query.replace(/<[^>]*>/g, "").replace(/"(?:[^"\\]|\\.)*"/g, "").replace(/#.*$/gm, "");
    var m = body.match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i);
    var form = m ? m[1].toUpperCase() : "SELECT";
    return form === "CONSTRUCT" || form === "DESCRIBE" ? "GRAPH" : form;
  }

  function offerFormats() {
    var allowed = config.forms[queryForm(text())] || [];
    Array.prototype.forEach.call(formatSelect.options, function (o) { o.hidden = o.disabled = allowed.indexOf(o.value) < 0; });
    if (formatSelect.selectedOptions[0] && formatSelect.selectedOptions[0].disabled) formatSelect.value = allowed[0];
  }
  offerFormats();

  // ---- running
  function send(query, accept) {
    return fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
      body: new URLSearchParams({ query: query }).toString(),
    }).then(function (r) {
      if (r.ok) return r;
      return r.text().then(function (body) {
        var message = "The query failed (" + r.status + ").";
        try { message = JSON.parse(body).message || message; } catch (e) { /* not JSON */ }
        throw new Error(message);
      });
    });
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri" && /^https?:\/\//i.test(term.value)) {  // never a javascript: link
      var a = document.createElement("a");
      a.href = term.value;
      a.textContent = term.value;
      a.rel = "noopener noreferrer";
      td.appendChild(a);
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.type === "uri" ? "<" + term.value + ">" : term.value;
      if (term.datatype && /#(decimal|double|integer|float)$/.test(term.datatype)) td.className = "num";
    }
    return td;
  }

  function table(json) {
    var t = document.createElement("table");
    t.className = "sparql-results";
    var cap = document.createElement("caption");
    cap.className = "visually-hidden";
    cap.textContent = "Query results";
    t.appendChild(cap);
    var head = t.createTHead().insertRow();
    json.head.vars.forEach(function (v) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = "?" + v;
      head.appendChild(th);
    });
    var body = t.createTBody();
    json.results.bindings.forEach(function (b) {
      var tr = body.insertRow();
      json.head.vars.forEach(function (v) { tr.appendChild(cell(b[v])); });
    });
    return t;
  }

  function run() {
    var query = withPrefixes(text());
    if (query !== text()) setText(query);
    var form = queryForm(query);
    var accept = form === "GRAPH" ? "text/turtle" : "application/sparql-results+json";
    status.textContent = "Running…";
    results.textContent = "";
    var started = performance.now();
    send(query, accept).then(function (r) {
      var truncated = r.headers.get("X-Result-Truncated") === "true";
      var took = Math.round(performance.now() - started) + " ms";
      if (form === "GRAPH") {
        return r.text().then(function (body) {
          var pre = document.createElement("pre");
          pre.className = "graph";
          pre.textContent = body;
          results.appendChild(pre);
          status.textContent = "Graph as Turtle, " + took + (truncated ? " (cut at the row limit)" : "") + ".";
        });
      }
      return r.json().then(function (json) {
        if (typeof json.boolean === "boolean") {
          status.textContent = "Answer: " + (json.boolean ? "yes (true)" : "no (false)") + ", " + took + ".";
          return;
        }
        results.appendChild(table(json));
        var n = json.results.bindings.length;
        status.textContent = n + " row" + (n === 1 ? "" : "s") + ", " + took + (truncated ? " (cut at the row limit)" : "") + ".";
      });
    }).catch(function (err) {
      status.textContent = "";
      var p = document.createElement("p");
      p.className = "error";
      p.setAttribute("role", "alert");
      p.textContent = err.message;
      results.appendChild(p);
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

  document.getElementById("download").addEventListener("click", function () {
    var query = withPrefixes(text());
    var type = formatSelect.value;
    var ext = (config.formats[type] || ["", "txt"])[1];
    send(query, type).then(function (r) { return r.blob(); }).then(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "results." + ext;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      status.textContent = "Downloaded results." + ext + ".";
    }).catch(function (err) { status.textContent = err.message; });
  });
})();
