// galley review page: show the details of a clicked change; toggle highlights.
// The entries are data (JSON); every text goes into the page through textContent.
(function () {
  "use strict";
  var entries = [];
  try {
    entries = JSON.parse(document.getElementById("entries").textContent);
  } catch (e) {
    entries = [];
  }
  var EXPLAIN = {
    "garble": "The text was damaged by a wrong character-set conversion; galley rebuilt the original characters from the damaged bytes and kept the reading that best fits Chinese text.",
    "lost-character": "This character was destroyed in the source and cannot be recovered. It is marked 〓 in red in the PDF: please supply it from the printed issue.",
    "pinyin-annotation": "A pinyin reading that the website inserted after a character was removed.",
    "script": "Traditional characters were converted back to simplified, as the article was originally printed.",
    "punctuation": "Half-width punctuation in Chinese text was made full-width.",
    "mojibake": "Text that had been decoded with the wrong encoding was repaired.",
    "decode": "Bytes that are invalid in the input's encoding.",
    "unrepaired": "Damage was detected but not repaired: the text is kept as it was.",
    "control-character": "An invisible control character was removed.",
    "whitespace": "Spacing was tidied."
  };
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }
  function piece(cls, text) {
    if (text === "") return el("span", "nothing", "(nothing)");
    // U+FFFD is shown as 〓, the mark the PDF prints for a lost character.
    return el("span", cls, text.replace(/\uFFFD/g, "〓"));
  }
  function show(i, source) {
    var e = entries[i];
    if (!e) return;
    var panel = document.getElementById("details");
    var body = panel.querySelector(".body");
    panel.classList.remove("empty");
    panel.dataset.entry = String(i);
    body.textContent = "";
    var kind = el("span", "kind k-" + e.kind, e.label);
    body.appendChild(kind);
    var ba = el("div", "ba");
    ba.appendChild(piece("before", e.before));
    ba.appendChild(el("span", "arrow", " → "));
    ba.appendChild(piece("after", e.after));
    body.appendChild(ba);
    var dl = el("dl");
    function row(k, v) {
      dl.appendChild(el("dt", null, k));
      var dd = el("dd");
      if (typeof v === "string") dd.textContent = v; else dd.appendChild(v);
      dl.appendChild(dd);
    }
    row("Kind", e.kind);
    var a = el("a", null, "input line " + e.line);
    a.href = "#L" + e.line;
    row("Where", a);
    row("Confidence", Math.round(e.confidence * 100) + "%");
    if (e.note) row("Note", e.note);
    body.appendChild(dl);
    if (e.candidates && e.candidates.length) {
      body.appendChild(el("h3", null, "Candidates considered (best first)"));
      var t = el("table", "cands");
      var head = el("tr");
      head.appendChild(el("th", null, "text"));
      head.appendChild(el("th", null, "score"));
      t.appendChild(head);
      e.candidates.forEach(function (c, k) {
        var tr = el("tr");
        tr.appendChild(el("td", k === 0 ? "best" : null, String(c[0]).replace(/\uFFFD/g, "〓")));
        tr.appendChild(el("td", null, Number(c[1]).toFixed(2)));
        t.appendChild(tr);
      });
      body.appendChild(t);
    } else if (e.kind === "lost-character") {
      body.appendChild(el("p", "explain", "No candidate was trustworthy enough to print."));
    }
    if (EXPLAIN[e.kind]) body.appendChild(el("p", "explain", EXPLAIN[e.kind]));
    document.querySelectorAll(".sel").forEach(function (n) { n.classList.remove("sel"); });
    document.querySelectorAll('[data-e="' + i + '"]').forEach(function (n) { n.classList.add("sel"); });
    if (source && panel.getBoundingClientRect().top < 0) panel.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("[data-e]") : null;
    if (t) {
      ev.preventDefault();
      show(Number(t.dataset.e), t);
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    var t = ev.target.closest ? ev.target.closest("mark[data-e]") : null;
    if (t) {
      ev.preventDefault();
      show(Number(t.dataset.e), t);
    }
  });
  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("off-" + box.dataset.kind, !box.checked);
    });
  });
  var blank = document.getElementById("show-blank");
  if (blank) blank.addEventListener("change", function () {
    document.body.classList.toggle("hide-blank", !blank.checked);
  });
})();
