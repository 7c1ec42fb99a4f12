/** The chat page's HTML, stylesheet and script (plain DOM, no framework, no external resources). */

export function chatPage(): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ubermench · demo chat</title>
<link rel="stylesheet" href="/chat/app.css">
<script src="/chat/app.js" defer></script>
</head>
<body>
<header class="bar"><strong>Ubermench demo</strong> <span>WhatsApp simulado · local only · never in production</span></header>
<main class="panes">
  <section class="pane" id="pane-a" aria-label="Chat A"></section>
  <section class="pane" id="pane-b" aria-label="Chat B"></section>
</main>
<dialog id="list-sheet" aria-labelledby="list-title"><form method="dialog"><h2 id="list-title"></h2><div class="rows"></div><button value="cancel" class="ghost">Cerrar</button></form></dialog>
<dialog id="map-sheet" aria-labelledby="map-title"><form method="dialog">
  <h2 id="map-title">Compartir ubicación</h2>
  <p class="hint">Toca el mapa o elige una colonia.</p>
  <div class="map"></div>
  <label for="colonia">Colonia</label>
  <select id="colonia"></select>
  <p class="coords" aria-live="polite"></p>
  <div class="row"><button value="send" id="map-send">Enviar ubicación</button><button value="cancel" class="ghost">Cancelar</button></div>
</form></dialog>
<dialog id="person-sheet" aria-labelledby="person-title"><form method="dialog">
  <h2 id="person-title">Nueva persona</h2>
  <label for="person-name">Nombre</label><input id="person-name" required maxlength="60">
  <label for="person-phone">WhatsApp (con lada, p. ej. 5215512345678)</label><input id="person-phone" required inputmode="numeric" pattern="[1-9][0-9]{7,14}">
  <div class="row"><button value="save" id="person-save">Crear</button><button value="cancel" class="ghost">Cancelar</button></div>
</form></dialog>
</body>
</html>`;
}

export const CHAT_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #d9dbd5; color: #111; }
.bar { background: #075e54; color: #fff; padding: .5rem 1rem; display: flex; gap: 1rem; flex-wrap: wrap; }
.bar span { opacity: .85; }
.panes { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; padding: .75rem; height: calc(100vh - 2.6rem); }
@media (max-width: 48rem) { .panes { grid-template-columns: 1fr; height: auto; } .pane { height: 80vh; } }
.pane { display: flex; flex-direction: column; background: #efeae2; border-radius: .5rem; overflow: hidden; min-height: 0; }
.pane header { background: #f0f2f5; padding: .4rem .6rem; display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; }
.pane header select { flex: 1; min-width: 10rem; font: inherit; padding: .3rem; }
.msgs { flex: 1; overflow-y: auto; padding: .75rem; display: flex; flex-direction: column; gap: .4rem; }
.msg { max-width: 85%; padding: .4rem .6rem; border-radius: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; box-shadow: 0 1px 0 rgba(0,0,0,.1); }
.msg.bot { background: #fff; align-self: flex-start; }
.msg.me { background: #d9fdd3; align-self: flex-end; }
.msg .tpl { display: block; font-size: .75rem; color: #555; }
.msg .opts { display: flex; flex-direction: column; gap: .25rem; margin-top: .4rem; }
.msg .opts button, .rows button { background: #fff; border: 1px solid #0a7cff33; color: #0a66c2; border-radius: .4rem; padding: .35rem; font: inherit; cursor: pointer; text-align: center; }
.rows { display: flex; flex-direction: column; gap: .35rem; margin: .5rem 0; }
.rows button { text-align: left; }
.rows small { display: block; color: #555; }
.composer { display: flex; gap: .35rem; padding: .45rem; background: #f0f2f5; }
.composer input[type=text] { flex: 1; font: inherit; padding: .45rem .6rem; border-radius: 1rem; border: 1px solid #bbb; min-width: 0; }
button { font: inherit; border-radius: .4rem; border: 1px solid #075e54; background: #075e54; color: #fff; padding: .35rem .7rem; cursor: pointer; }
button.ghost { background: #fff; color: #075e54; }
button:focus, select:focus, input:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
dialog { border: none; border-radius: .6rem; max-width: 26rem; width: 95vw; }
dialog label { display: block; margin-top: .5rem; font-weight: 600; }
dialog input, dialog select { width: 100%; font: inherit; padding: .35rem; }
dialog .row { display: flex; gap: .5rem; margin-top: .75rem; }
.map svg { width: 100%; height: auto; background: #e8efe3; border-radius: .4rem; cursor: crosshair; }
.hint, .coords { color: #444; font-size: .9rem; }
`;

export const CHAT_JS = `
(function () {
  'use strict';
  var config = { colonias: [], bounds: null, people: [] };
  var custom = JSON.parse(localStorage.getItem('ub-demo-people') || '[]');
  var mapTarget = null;
  var picked = null;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function people() { return config.people.concat(custom); }

  function send(pane, content, contextId, photo) {
    var p = pane.person;
    if (!p) return;
    fetch('/chat/api/send', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ waId: p.waId, name: p.name.split(' ')[0], content: content, contextId: contextId, photo: photo }) })
      .then(function () { poll(pane); });
  }

  function bubble(pane, m) {
    var box = el('div', { class: 'msg ' + m.from });
    if (m.template) box.appendChild(el('span', { class: 'tpl', text: '📨 plantilla ' + m.template }));
    box.appendChild(document.createTextNode(m.text));
    var opts = el('div', { class: 'opts' });
    m.buttons.forEach(function (b) {
      opts.appendChild(el('button', { type: 'button', text: b.title, onclick: function () {
        send(pane, b.kind === 'template_button' ? { type: 'template_button', payload: b.id, text: b.title } : { type: 'button_reply', id: b.id, title: b.title }, m.messageId);
      } }));
    });
    if (m.list) {
      opts.appendChild(el('button', { type: 'button', text: '☰ ' + m.list.button, onclick: function () { openList(pane, m); } }));
    }
    if (m.asksLocation) {
      opts.appendChild(el('button', { type: 'button', text: '📍 Enviar ubicación', onclick: function () { openMap(pane); } }));
    }
    if (opts.children.length) box.appendChild(opts);
    return box;
  }

  function openList(pane, m) {
    var sheet = document.getElementById('list-sheet');
    sheet.querySelector('h2').textContent = m.list.button;
    var rows = sheet.querySelector('.rows');
    rows.innerHTML = '';
    m.list.rows.forEach(function (r) {
      var b = el('button', { type: 'button', onclick: function () {
        sheet.close();
        send(pane, { type: 'list_reply', id: r.id, title: r.title }, m.messageId);
      } }, [document.createTextNode(r.title), r.description ? el('small', { text: r.description }) : null]);
      rows.appendChild(b);
    });
    sheet.showModal();
  }

  function toXY(lat, lng) {
    var b = config.bounds;
    return { x: (lng - b.west) / (b.east - b.west) * 360, y: (b.north - lat) / (b.north - b.south) * 400 };
  }
  function drawMap() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 360 400');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Mapa de la Ciudad de México (toca para elegir un punto)');
    config.colonias.forEach(function (c) {
      var p = toXY(c.lat, c.lng);
      var dot = document.createElementNS(ns, 'circle');
      dot.setAttribute('cx', p.x); dot.setAttribute('cy', p.y); dot.setAttribute('r', 4); dot.setAttribute('fill', '#075e54');
      var label = document.createElementNS(ns, 'text');
      label.setAttribute('x', p.x + 6); label.setAttribute('y', p.y + 4); label.setAttribute('font-size', '10');
      label.textContent = c.name;
      svg.appendChild(dot); svg.appendChild(label);
    });
    var marker = document.createElementNS(ns, 'circle');
    marker.setAttribute('r', 7); marker.setAttribute('fill', '#d93025'); marker.setAttribute('visibility', 'hidden');
    svg.appendChild(marker);
    svg.addEventListener('click', function (e) {
      var r = svg.getBoundingClientRect();
      var x = (e.clientX - r.left) / r.width * 360, y = (e.clientY - r.top) / r.height * 400;
      var b = config.bounds;
      choose({ lat: b.north - y / 400 * (b.north - b.south), lng: b.west + x / 360 * (b.east - b.west), name: 'Ubicación en el mapa' });
    });
    document.querySelector('#map-sheet .map').appendChild(svg);
    var select = document.getElementById('colonia');
    select.appendChild(el('option', { value: '', text: '—' }));
    config.colonias.forEach(function (c, i) { select.appendChild(el('option', { value: String(i), text: c.name })); });
    select.addEventListener('change', function () {
      var c = config.colonias[Number(select.value)];
      if (c) choose({ lat: c.lat, lng: c.lng, name: c.name });
    });
    function choose(p) {
      picked = p;
      var xy = toXY(p.lat, p.lng);
      marker.setAttribute('cx', xy.x); marker.setAttribute('cy', xy.y); marker.setAttribute('visibility', 'visible');
      document.querySelector('#map-sheet .coords').textContent = p.name + ' · ' + p.lat.toFixed(4) + ', ' + p.lng.toFixed(4);
    }
  }
  function openMap(pane) {
    mapTarget = pane;
    document.getElementById('map-sheet').showModal();
  }

  function poll(pane) {
    var p = pane.person;
    if (!p) return;
    fetch('/chat/api/messages?waId=' + encodeURIComponent(p.waId)).then(function (r) { return r.json(); }).then(function (data) {
      var sig = JSON.stringify(data.messages);
      if (sig === pane.sig || pane.person !== p) return;
      pane.sig = sig;
      pane.msgs.innerHTML = '';
      data.messages.forEach(function (m) { pane.msgs.appendChild(bubble(pane, m)); });
      pane.msgs.scrollTop = pane.msgs.scrollHeight;
    }).catch(function () {});
  }

  function fillSelect(pane) {
    var select = pane.select;
    select.innerHTML = '';
    people().forEach(function (p, i) {
      select.appendChild(el('option', { value: String(i), text: p.name + ' · ' + (p.role === 'provider' ? 'proveedor' : 'cliente') + ' · ' + p.waId }));
    });
    var idx = people().findIndex(function (p) { return pane.person && p.waId === pane.person.waId; });
    if (idx >= 0) select.value = String(idx);
  }

  function setPerson(pane, person) {
    pane.person = person;
    pane.sig = '';
    pane.msgs.innerHTML = '';
    pane.root.setAttribute('data-wa-id', person ? person.waId : '');
    poll(pane);
  }

  function makePane(root, initial) {
    var pane = { root: root, person: null, sig: '' };
    pane.select = el('select', { 'aria-label': 'Persona', onchange: function () { setPerson(pane, people()[Number(pane.select.value)]); } });
    var add = el('button', { type: 'button', class: 'ghost', text: '+ Persona', onclick: function () {
      var sheet = document.getElementById('person-sheet');
      sheet.target = pane;
      sheet.showModal();
    } });
    pane.msgs = el('div', { class: 'msgs', role: 'log', 'aria-live': 'polite' });
    var input = el('input', { type: 'text', 'aria-label': 'Mensaje', placeholder: 'Escribe un mensaje', maxlength: '1000' });
    var file = el('input', { type: 'file', accept: 'image/*', hidden: 'hidden', 'aria-label': 'Foto', onchange: function () {
      var chosen = file.files && file.files[0];
      file.value = '';
      if (!chosen) return;
      var reader = new FileReader();
      reader.onload = function () {
        var base64 = String(reader.result).split(',')[1] || '';
        send(pane, { type: 'image', caption: chosen.name }, undefined, { base64: base64, mimeType: chosen.type || 'image/jpeg' });
      };
      reader.readAsDataURL(chosen);
    } });
    var form = el('form', { class: 'composer', onsubmit: function (e) {
      e.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      input.value = '';
      send(pane, { type: 'text', body: text });
    } }, [
      el('button', { type: 'button', class: 'ghost', title: 'Enviar foto', 'aria-label': 'Enviar foto', text: '📷 Foto', onclick: function () { file.click(); } }),
      el('button', { type: 'button', class: 'ghost', title: 'Compartir ubicación', 'aria-label': 'Compartir ubicación', text: '📍 Ubicación', onclick: function () { openMap(pane); } }),
      input, file,
      el('button', { type: 'submit', text: 'Enviar' }),
    ]);
    root.appendChild(el('header', {}, [pane.select, add]));
    root.appendChild(pane.msgs);
    root.appendChild(form);
    fillSelect(pane);
    setPerson(pane, initial);
    fillSelect(pane);
    setInterval(function () { if (!document.hidden) poll(pane); }, 800);
    return pane;
  }

  fetch('/chat/api/config').then(function (r) { return r.json(); }).then(function (c) {
    config = c;
    if (people().length === 0) custom.push({ waId: '5215500000001', name: 'Cliente Demo', role: 'customer' });
    drawMap();
    var list = people();
    var customer = list.find(function (p) { return p.role === 'customer'; }) || list[0];
    var provider = list.find(function (p) { return p.role === 'provider'; }) || list[1] || list[0];
    var panes = [makePane(document.getElementById('pane-a'), customer), makePane(document.getElementById('pane-b'), provider)];
    document.getElementById('map-sheet').addEventListener('close', function () {
      var sheet = document.getElementById('map-sheet');
      if (sheet.returnValue === 'send' && picked && mapTarget) {
        send(mapTarget, { type: 'location', latitude: picked.lat, longitude: picked.lng, name: picked.name });
      }
    });
    document.getElementById('person-sheet').addEventListener('close', function () {
      var sheet = document.getElementById('person-sheet');
      if (sheet.returnValue !== 'save') return;
      var name = document.getElementById('person-name').value.trim();
      var phone = document.getElementById('person-phone').value.replace(/\\D/g, '');
      if (!name || !/^[1-9]\\d{7,14}$/.test(phone)) return;
      var person = { waId: phone, name: name, role: 'customer' };
      custom.push(person);
      localStorage.setItem('ub-demo-people', JSON.stringify(custom));
      panes.forEach(fillSelect);
      if (sheet.target) { setPerson(sheet.target, person); fillSelect(sheet.target); }
    });
  });
})();
`;
