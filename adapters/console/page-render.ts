/**
 * Script part of the chat page: replies and cards rendered with createElement/textContent, never as HTML.
 * Inserted into page.ts's script scope (it uses el, str, arr and clickButton from there).
 */
export const PAGE_RENDER_SCRIPT = String.raw`
  // ---- rendering replies and cards ----
  function renderMarkdown(text) {
    var node = el('div', 'md');
    var parts = str(text).split(/\*\*(.+?)\*\*/);
    parts.forEach(function (part, i) {
      if (!part) return;
      node.appendChild(i % 2 === 1 ? el('strong', '', part) : document.createTextNode(part));
    });
    return node;
  }
  function renderFields(fields) {
    var dl = el('dl', 'fields');
    arr(fields).forEach(function (f) {
      dl.appendChild(el('dt', '', str(f && f.label)));
      dl.appendChild(el('dd', '', str(f && f.value)));
    });
    return dl;
  }
  function renderTable(columns, rows) {
    var wrap = el('div', 'table-wrap');
    var table = el('table');
    var cols = arr(columns);
    if (cols.length) {
      var tr = el('tr');
      cols.forEach(function (c) { tr.appendChild(el('th', '', str(c))); });
      table.appendChild(el('thead')).appendChild(tr);
    }
    var tbody = table.appendChild(el('tbody'));
    arr(rows).forEach(function (row) {
      var r = el('tr');
      arr(row).forEach(function (cell) { r.appendChild(el('td', '', str(cell))); });
      tbody.appendChild(r);
    });
    wrap.appendChild(table);
    return wrap;
  }
  function renderChart(s) {
    var box = el('div', 'chart');
    if (s.title) box.appendChild(el('div', 'chart-title', str(s.title)));
    var labels = arr(s.labels);
    var series = arr(s.series);
    series.forEach(function (ser) {
      var data = arr(ser && ser.data).map(function (v) { return Number(v) || 0; });
      if (series.length > 1 || s.chart === 'pie') box.appendChild(el('div', 'series-name', str(ser && ser.name)));
      var max = Math.max.apply(null, [1].concat(data));
      var total = data.reduce(function (a, b) { return a + Math.max(0, b); }, 0);
      data.forEach(function (v, i) {
        var row = el('div', 'bar-row');
        row.appendChild(el('span', 'bar-label', str(labels[i]))).title = str(labels[i]);
        var track = row.appendChild(el('div', 'bar-track'));
        var bar = track.appendChild(el('div', 'bar'));
        bar.style.width = Math.round((Math.max(0, v) / max) * 100) + '%';
        var shown = String(v);
        if (s.chart === 'pie' && total > 0) shown += '（' + Math.round((Math.max(0, v) / total) * 100) + '%）';
        row.appendChild(el('span', 'bar-value', shown));
        box.appendChild(row);
      });
    });
    return box;
  }
  function renderButtons(buttons, ctx) {
    var box = el('div', 'buttons');
    arr(buttons).forEach(function (b) {
      var style = b && (b.style === 'primary' || b.style === 'danger') ? ' ' + b.style : '';
      var btn = el('button', 'btn' + style, str(b && b.label));
      btn.type = 'button';
      btn.addEventListener('click', function () { clickButton(btn, b, ctx); });
      box.appendChild(btn);
    });
    return box;
  }
  function renderCard(card, ctx) {
    var tone = ['info', 'success', 'warning', 'danger'].indexOf(card.tone) >= 0 ? card.tone : 'info';
    var node = el('div', 'card tone-' + tone);
    node.appendChild(el('div', 'card-title', str(card.title)));
    var body = node.appendChild(el('div', 'card-body'));
    arr(card.sections).forEach(function (s) {
      if (!s) return;
      if (s.kind === 'markdown') body.appendChild(renderMarkdown(s.text));
      else if (s.kind === 'fields') body.appendChild(renderFields(s.fields));
      else if (s.kind === 'table') body.appendChild(renderTable(s.columns, s.rows));
      else if (s.kind === 'chart') body.appendChild(renderChart(s));
      else if (s.kind === 'buttons') body.appendChild(renderButtons(s.buttons, ctx));
      else if (s.text) body.appendChild(el('div', 'md', str(s.text)));
    });
    return node;
  }
  /** A reply { kind, text, card? }: the card when there is one, else the plain text. */
  function renderReply(reply, ctx) {
    if (reply && reply.kind === 'card' && reply.card && typeof reply.card === 'object') {
      try { return renderCard(reply.card, ctx); } catch (e) { /* fall back to the text */ }
    }
    if (reply && reply.kind === 'file' && /^\/dev\/files\//.test(str(reply.url))) {
      // A file the bot sent (an export): its text and a link that downloads it from /dev/files/:id.
      var box = el('div', 'bubble', str(reply.text));
      var link = el('a', 'file-link', '⬇ ' + str(reply.name));
      link.href = str(reply.url);
      link.setAttribute('download', str(reply.name));
      box.appendChild(document.createElement('br'));
      box.appendChild(link);
      return box;
    }
    return el('div', 'bubble', str(reply && reply.text));
  }

`
