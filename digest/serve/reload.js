// digest serve: live reload and build problems. Injected into pages at serve time only.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("digest-live").textContent);
  var pageBuild = config.id;
  var scrollKey = "digest-scroll:" + location.pathname;
  var overlayId = "digest-problems";

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
    } catch (e) {}
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {}
    if (saved !== null) {
      window.scrollTo(0, Number(saved) || 0);
    }
  }

  function swapStyles(build) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("digest-build", build);
      links[i].href = url.href;
    }
  }

  function hideProblems() {
    var old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function showProblems(problems) {
    hideProblems();
    if (!problems.length) return;
    var box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,20,.93);color:#fdd;font:14px/1.5 ui-monospace,monospace";
    var title = document.createElement("h2");
    title.style.cssText = "margin:0 0 1rem;color:#fff;font:bold 18px/1.3 system-ui,sans-serif";
    title.textContent =
      "digest: the build has " + problems.length + (problems.length === 1 ? " error" : " errors");
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding:0;list-style:none";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.style.cssText = "margin:0 0 .75rem;white-space:pre-wrap";
      item.textContent = problem.location + ": " + problem.message;
      if (problem.hint) {
        var hint = document.createElement("div");
        hint.style.color = "#bbb";
        hint.textContent = "hint: " + problem.hint;
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    var note = document.createElement("p");
    note.style.color = "#bbb";
    note.textContent = "Fix the file and save: this page reloads by itself.";
    box.appendChild(note);
    document.body.appendChild(box);
  }

  function connect() {
    var events = new EventSource(new URL(config.events, location.href).href);
    events.addEventListener("hello", function (message) {
      var state = JSON.parse(message.data);
      showProblems(state.problems);
      if (state.id !== pageBuild && !state.problems.length) reload();
    });
    events.addEventListener("build", function (message) {
      var build = JSON.parse(message.data);
      showProblems(build.problems);
      if (build.problems.length || build.id === pageBuild) return;
      if (build.styles) {
        swapStyles(build.id);
        pageBuild = build.id;
      } else {
        reload();
      }
    });
  }

  restoreScroll();
  if (config.problems.length) {
    if (document.body) showProblems(config.problems);
    else document.addEventListener("DOMContentLoaded", function () { showProblems(config.problems); });
  }
  connect();
})();
