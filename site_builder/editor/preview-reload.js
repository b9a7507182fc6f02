// Editor's preview only (portal serve): reload the page when the portal has been
// rebuilt after a save; while the content has errors, list them on the page.
(function () {
  "use strict";
  var version = null;
  var box = null;
  function show(problems, notices) {
    var warn = !problems.length && notices && notices.length;
    if (warn) { problems = notices; }
    if (!problems.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.className = "preview-problems";
      document.body.prepend(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    box.className = warn ? "preview-problems preview-notices" : "preview-problems";
    title.textContent = warn ? "Cảnh báo: khi đăng, phần sau sẽ bị bỏ hoặc sửa (portal build từ chối nội dung này):"
                             : "Nội dung có lỗi, bản xem trước chưa cập nhật:";
    box.appendChild(title);
    var list = document.createElement("pre");
    list.textContent = problems.join("\n");
    box.appendChild(list);
  }
  function poll() {
    fetch("/_preview/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (version !== null && s.version !== version && s.ok) { location.reload(); return; }
        version = s.version;
        show(s.ok ? [] : s.problems, s.notices || []);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 400); });
  }
  poll();
})();
