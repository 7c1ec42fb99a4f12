/**
 * The console's only static files, served from memory (nothing to copy into the build): one
 * stylesheet (readable on a phone, AA contrast, visible focus) and a few lines of progressive
 * enhancement (every page works without them).
 */
export const CONSOLE_CSS = `
:root { --fg:#1a1a1a; --muted:#4a4a4a; --bg:#fff; --line:#c9c9c9; --accent:#0b5cad; --ok:#17683a; --warn:#8a4b00; --bad:#a4161a; --soft:#f3f5f8; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline:3px solid #ffbf47; outline-offset:2px; }
.skip { position:absolute; left:-999px; top:0; background:#ffbf47; color:#000; padding:.5rem 1rem; }
.skip:focus { left:0; z-index:10; }
header.top { background:#0f2a44; color:#fff; padding:.5rem 1rem; display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:center; }
header.top a { color:#fff; }
header.top .brand { font-weight:700; margin-right:auto; }
nav.main ul { list-style:none; margin:0; padding:0; display:flex; flex-wrap:wrap; gap:.25rem .75rem; }
nav.main a[aria-current="page"] { font-weight:700; text-decoration-thickness:3px; }
main { padding:1rem; max-width:72rem; margin:0 auto; }
h1 { font-size:1.5rem; margin:.25rem 0 1rem; }
h2 { font-size:1.2rem; margin:1.5rem 0 .5rem; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:.45rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:var(--soft); }
.table-wrap { overflow-x:auto; }
.figures { display:grid; grid-template-columns:repeat(auto-fit,minmax(11rem,1fr)); gap:.75rem; padding:0; list-style:none; }
.figures li { border:1px solid var(--line); border-radius:.5rem; padding:.75rem; }
.figures .n { display:block; font-size:1.8rem; font-weight:700; }
form.inline { display:inline; }
form.stack label, form.filters label { display:block; font-weight:600; margin:.5rem 0 .2rem; }
form.filters { display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:flex-end; margin-bottom:1rem; }
input[type=text], input[type=password], input[type=search], input[type=date], input[type=number], select, textarea { font:inherit; padding:.45rem .5rem; border:1px solid #767676; border-radius:.35rem; width:100%; max-width:28rem; background:#fff; color:var(--fg); }
textarea { min-height:5rem; }
button { font:inherit; padding:.45rem .9rem; border-radius:.35rem; border:1px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; min-height:2.5rem; }
button.secondary { background:#fff; color:var(--accent); }
button.danger { background:var(--bad); border-color:var(--bad); }
.actions { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; }
.notice { border-left:4px solid var(--accent); background:var(--soft); padding:.5rem .75rem; margin:0 0 1rem; }
.notice.error { border-color:var(--bad); }
.badge { white-space:nowrap; display:inline-block; padding:0 .45rem; border-radius:1rem; border:1px solid currentColor; font-size:.85rem; }
.badge.approved, .badge.done, .badge.accepted, .badge.open { color:var(--ok); }
.badge.pending, .badge.searching, .badge.offered { color:var(--warn); }
.badge.rejected, .badge.suspended, .badge.cancelled, .badge.no_providers, .badge.urgent { color:var(--bad); }
.muted { color:var(--muted); }
.transcript { list-style:none; padding:0; margin:0; display:flex; flex-direction:column; gap:.5rem; }
.transcript li { max-width:36rem; padding:.5rem .75rem; border-radius:.6rem; background:var(--soft); border:1px solid var(--line); white-space:pre-wrap; overflow-wrap:anywhere; }
.transcript li.operator { align-self:flex-end; background:#e3f0e3; }
.transcript li.system { align-self:center; background:#fff; font-size:.9rem; }
.transcript .meta { display:block; font-size:.8rem; color:var(--muted); }
pre { white-space:pre-wrap; overflow-wrap:anywhere; background:var(--soft); padding:.75rem; border-radius:.35rem; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.25rem 1rem; }
dl.facts dt { font-weight:600; }
section.flag { border-top:1px solid var(--line); margin-top:1rem; }
form.percent { display:inline-flex; flex-wrap:wrap; gap:.35rem .5rem; align-items:center; }
form.percent input { width:6rem; }
@media (max-width:40rem) { main { padding:.75rem; } th, td { padding:.35rem; } .figures .n { font-size:1.4rem; } }
`;

export const CONSOLE_JS = `
// Progressive enhancement only: every page works without this file.
document.addEventListener('submit', function (e) {
  var form = e.target;
  var question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) e.preventDefault();
});
// Parts marked data-refresh reload themselves (new messages in a conversation), unless the
// operator is typing in a form inside them.
document.querySelectorAll('[data-refresh]').forEach(function (el) {
  var every = Number(el.getAttribute('data-refresh')) || 5000;
  setInterval(function () {
    if (document.hidden) return;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'X-Partial': '1' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) {
        if (!text) return;
        var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById(el.id);
        if (fresh && fresh.innerHTML !== el.innerHTML) el.innerHTML = fresh.innerHTML;
      })
      .catch(function () {});
  }, every);
});
`;
