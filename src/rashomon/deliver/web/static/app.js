// Every page: bring the linked sentence into view. The server wraps the sentence of
// ?hl=START-END in <mark class="hl">; a bare #s-START-END fragment names an event sentence.
(function () {
  "use strict";

  function linked() {
    var mark = document.querySelector("mark.hl");
    if (mark) return mark;
    var m = /^#(s-\d+-\d+)$/.exec(window.location.hash);
    return m ? document.getElementById(m[1]) : null;
  }

  function show() {
    var el = linked();
    if (!el) return;
    el.classList.add("hl-target");
    el.scrollIntoView({ block: "center" });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
  window.addEventListener("hashchange", show);
})();
