/**
 * The local simulator's chat page, served at `GET /` while DEV_CHAT is on (DESIGN §3). One self-contained
 * document: inline CSS and vanilla JS, no external assets, so it works offline. Everything the server
 * sends is inserted with textContent / createElement, never as HTML: user text can contain markup.
 * String.raw keeps the backslashes of the inline script as written; the script uses no template literals.
 */
export const CHAT_PAGE = String.raw`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'">
<title>融合助手 · 本地模拟器</title>
<style>
  :root {
    --accent: #b3261e; --accent-soft: #fbeae9; --text: #1f2328; --muted: #6a737d; --line: #e3e6ea;
    --bg: #f5f6f8; --panel: #fff; --me: #dcecff; --info: #2f6feb; --success: #1f883d; --warning: #b7791f;
    --danger: #cf222e;
  }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  html, body { height: 100%; }
  body {
    margin: 0; color: var(--text); background: var(--bg); font-size: 15px; line-height: 1.5;
    font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
      "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
    display: flex; flex-direction: column;
  }
  header {
    background: var(--accent); color: #fff; padding: 10px 16px; display: flex; align-items: baseline;
    gap: 12px; flex-wrap: wrap;
  }
  header h1 { font-size: 17px; margin: 0; font-weight: 600; }
  header .sub { font-size: 12px; opacity: .85; }
  .controls {
    display: flex; flex-wrap: wrap; gap: 8px 16px; padding: 10px 16px; background: var(--panel);
    border-bottom: 1px solid var(--line); align-items: center;
  }
  .controls label { display: flex; align-items: center; gap: 6px; font-size: 13px; color: var(--muted); }
  select, input, textarea, button { font: inherit; color: inherit; }
  select, input[type=text], textarea {
    border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; background: #fff; min-width: 0;
  }
  select { max-width: 22em; }
  #other-user { width: 9em; }
  #other-user.bad { border-color: var(--danger); }
  .who { font-size: 13px; color: var(--muted); flex-basis: 100%; }
  .clock { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; flex-basis: 100%; font-size: 13px; }
  .clock .label { color: var(--muted); }
  #clock-now { font-variant-numeric: tabular-nums; }
  #clock-offset { color: var(--warning); }
  .clock .btn { padding: 2px 10px; font-size: 13px; }
  .who b { color: var(--text); font-weight: 600; }
  main {
    flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 0;
  }
  .chat { display: flex; flex-direction: column; min-height: 0; }
  #transcript { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px; }
  .empty { color: var(--muted); text-align: center; margin: auto; font-size: 14px; }
  .msg { display: flex; flex-direction: column; max-width: min(640px, 92%); }
  .msg.me { align-self: flex-end; align-items: flex-end; }
  .msg.bot { align-self: flex-start; }
  .msg .meta { font-size: 12px; color: var(--muted); margin: 0 4px 2px; }
  .bubble {
    background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 8px 12px;
    white-space: pre-wrap; overflow-wrap: anywhere;
  }
  .msg.me .bubble { background: var(--me); border-color: #c4dcf7; }
  .note { align-self: center; font-size: 12px; color: var(--muted); text-align: center; max-width: 90%; }
  .card {
    background: var(--panel); border: 1px solid var(--line); border-left: 4px solid var(--info);
    border-radius: 10px; overflow: hidden; min-width: min(300px, 100%); max-width: 100%;
  }
  .card.tone-success { border-left-color: var(--success); }
  .card.tone-warning { border-left-color: var(--warning); }
  .card.tone-danger { border-left-color: var(--danger); }
  .card-title { font-weight: 600; padding: 8px 12px; background: #f0f5ff; border-bottom: 1px solid var(--line); }
  .tone-success .card-title { background: #eaf7ee; }
  .tone-warning .card-title { background: #fff6e5; }
  .tone-danger .card-title { background: #fdecec; }
  .card-body { padding: 8px 12px; display: flex; flex-direction: column; gap: 8px; }
  .md { white-space: pre-wrap; overflow-wrap: anywhere; }
  .fields { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; }
  .fields dt { color: var(--muted); }
  .fields dd { margin: 0; overflow-wrap: anywhere; }
  .table-wrap { overflow-x: auto; }
  table { border-collapse: collapse; font-size: 14px; width: 100%; }
  th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
  .chart-title { font-weight: 600; font-size: 14px; }
  .series-name { font-size: 13px; color: var(--muted); margin-top: 4px; }
  .bar-row { display: grid; grid-template-columns: minmax(3em, 7em) 1fr auto; gap: 8px; align-items: center; font-size: 13px; }
  .bar-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .bar-track { background: #eef1f4; border-radius: 3px; height: 12px; }
  .bar { background: var(--accent); height: 100%; border-radius: 3px; min-width: 2px; }
  .bar-value { font-variant-numeric: tabular-nums; color: var(--muted); }
  .buttons { display: flex; flex-wrap: wrap; gap: 6px; }
  .btn {
    border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 5px 14px; cursor: pointer;
  }
  .btn:hover { background: #f6f8fa; }
  .btn.primary { background: var(--info); border-color: var(--info); color: #fff; }
  .btn.danger { background: #fff; border-color: var(--danger); color: var(--danger); }
  .btn:disabled { opacity: .55; cursor: default; }
  .composer { border-top: 1px solid var(--line); background: var(--panel); padding: 8px 12px 12px; }
  .chips { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
  .chip {
    border: 1px solid var(--line); background: #fff; border-radius: 999px; padding: 2px 12px; font-size: 13px;
    cursor: pointer;
  }
  .chip:hover { border-color: var(--accent); color: var(--accent); }
  .row { display: flex; gap: 8px; align-items: flex-end; }
  #text { flex: 1; resize: none; min-height: 38px; max-height: 160px; }
  #send { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 8px 18px; cursor: pointer; }
  #send:disabled { opacity: .6; cursor: default; }
  #attach { cursor: pointer; padding: 8px 6px; font-size: 18px; }
  #error {
    color: var(--danger); font-size: 13px; margin-top: 6px; white-space: pre-wrap; overflow-wrap: anywhere;
  }
  #error:empty { display: none; }
  .hint { font-size: 12px; color: var(--muted); margin-top: 4px; }
  aside {
    border-left: 1px solid var(--line); background: #fafbfc; display: flex; flex-direction: column; min-height: 0;
  }
  aside h2 {
    font-size: 14px; margin: 0; padding: 10px 12px; border-bottom: 1px solid var(--line); display: flex;
    justify-content: space-between; align-items: baseline; gap: 8px;
  }
  aside h2 small { font-weight: normal; color: var(--muted); font-size: 12px; }
  #outbox { flex: 1; overflow-y: auto; padding: 10px 12px; display: flex; flex-direction: column; gap: 10px; }
  #outbox-error { color: var(--danger); font-size: 12px; padding: 0 12px; }
  #ladder { max-height: 30vh; overflow-y: auto; padding: 8px 12px; font-size: 12px; display: flex; flex-direction: column; gap: 4px; }
  #ladder .step.skipped { color: var(--muted); }
  #outbox-error:empty { display: none; }
  .push .meta { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
  .push .bubble { white-space: pre-wrap; }
  .push .card { min-width: 0; }
  @media (max-width: 760px) {
    body { height: auto; min-height: 100%; }
    main { grid-template-columns: 1fr; }
    .chat { min-height: 70vh; }
    aside { border-left: 0; border-top: 1px solid var(--line); }
    #outbox { max-height: 60vh; }
    select { max-width: 100%; }
    .controls label { flex: 1 1 100%; }
    .controls label select, .controls label input { flex: 1; }
  }
</style>
</head>
<body>
<header>
  <h1>融合助手 · 本地模拟器</h1>
  <span class="sub">本地调试用：可以任何身份发言，请勿暴露在公网</span>
</header>
<div class="controls">
  <label>用户
    <select id="user"><option value="">（正在加载…）</option></select>
  </label>
  <label id="other-wrap" hidden>账号
    <input type="text" id="other-user" placeholder="如 u1010" autocomplete="off" spellcheck="false">
  </label>
  <label>会话
    <select id="chat"><option value="__p2p">与机器人私聊</option></select>
  </label>
  <div class="who" id="who"></div>
  <div class="clock" id="clock">
    <span class="label">模拟时间</span>
    <b id="clock-now">（正在加载…）</b>
    <small id="clock-offset"></small>
    <button type="button" class="btn" data-action="advance" data-minutes="60">+1 小时</button>
    <button type="button" class="btn" data-action="advance" data-minutes="480">+8 小时</button>
    <button type="button" class="btn" data-action="advance" data-minutes="1440">+1 天</button>
    <button type="button" class="btn" data-action="nextMorning" data-at="07:30">到明早 07:30</button>
    <button type="button" class="btn" data-action="reset">回到现在</button>
  </div>
</div>
<main>
  <section class="chat">
    <div id="transcript" aria-live="polite"></div>
    <div class="composer">
      <div class="chips" id="chips"></div>
      <div class="row">
        <label id="attach" title="发送文件（如导入名册的 CSV / XLSX，最大 5 MiB）；输入框中的文字作为文件说明">📎<input type="file" id="file" hidden></label>
        <textarea id="text" rows="1" placeholder="输入消息，回车发送（Shift+回车换行）"></textarea>
        <button id="send" type="button">发送</button>
      </div>
      <div id="error" role="alert"></div>
      <div class="hint" id="group-hint">群聊中机器人只回应命令或 @融合助手 的消息。</div>
    </div>
  </section>
  <aside>
    <h2>机器人主动推送 <small id="outbox-status"></small></h2>
    <div id="outbox-error" role="alert"></div>
    <div id="outbox"></div>
    <h2>逐级催办记录 <small>随模拟时间推进</small></h2>
    <div id="ladder"></div>
  </aside>
</main>
<script>
(function () {
  'use strict';
  var ROLE_NAMES = {
    member: '党员', secretary: '支部书记', leader: '党委领导', admin: '党务管理员',
    dispatcher: '调度员', inspector: '纪检监督员'
  };
  var STATUS_NAMES = { pending: '待发送', sending: '发送中', sent: '已送达', failed: '失败', dead: '发送失败' };
  var QUICK = ['帮助', '积分', '排行', '积分规则', '签到'];
  var OTHER = '__other';
  var P2P = '__p2p';
  var ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
  var POLL_MS = 3000;

  var $ = function (id) { return document.getElementById(id); };
  var userSelect = $('user'), otherWrap = $('other-wrap'), otherInput = $('other-user');
  var chatSelect = $('chat'), who = $('who'), transcriptEl = $('transcript');
  var textEl = $('text'), sendBtn = $('send'), errorEl = $('error');
  var outboxEl = $('outbox'), outboxErr = $('outbox-error'), outboxStatus = $('outbox-status');

  var users = [], chats = [];
  var transcripts = {};
  var outboxSignature = '';
  var outboxSeq = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function str(v) { return v === undefined || v === null ? '' : String(v); }
  function arr(v) { return Array.isArray(v) ? v : []; }

  function store(key, value) { try { localStorage.setItem('ronghe-sim.' + key, value); } catch (e) {} }
  function recall(key) { try { return localStorage.getItem('ronghe-sim.' + key) || ''; } catch (e) { return ''; } }

  // ---- who is talking where ----
  function currentUser() {
    if (userSelect.value === OTHER) {
      var v = otherInput.value.trim();
      return ID_PATTERN.test(v) ? v : '';
    }
    return userSelect.value;
  }
  function currentChat() {
    var user = currentUser();
    return chatSelect.value === P2P ? user : chatSelect.value;
  }
  function convKey(userId, chatId) { return userId + '|' + chatId; }
  function userLabel(userId) {
    var u = users.find(function (x) { return x.userId === userId; });
    return u ? str(u.name) + '（' + userId + '）' : userId;
  }
  function chatLabel(chatId, userId) {
    if (chatId === userId) return '与机器人私聊';
    var c = chats.find(function (x) { return x.chatId === chatId; });
    return c ? str(c.name) + ' 群' : chatId + ' 群';
  }
  function rolesText(roles) {
    return arr(roles).map(function (r) { return ROLE_NAMES[r] || String(r); }).join('、');
  }

  function showWho() {
    who.textContent = '';
    var user = currentUser();
    if (!user) {
      who.appendChild(el('span', '', userSelect.value === OTHER ? '请输入账号（字母、数字、_ . : -）' : '请选择用户'));
      return;
    }
    who.appendChild(el('span', '', '当前身份 '));
    who.appendChild(el('b', '', userLabel(user)));
    var u = users.find(function (x) { return x.userId === user; });
    if (!u) who.appendChild(el('span', '', '（未绑定的账号）'));
    who.appendChild(el('span', '', '，会话 '));
    who.appendChild(el('b', '', chatLabel(currentChat(), user)));
  }

  function switched() {
    otherWrap.hidden = userSelect.value !== OTHER;
    otherInput.classList.toggle('bad', userSelect.value === OTHER && otherInput.value.trim() !== '' && !currentUser());
    store('user', userSelect.value);
    store('other', otherInput.value.trim());
    store('chat', chatSelect.value);
    showWho();
    $('group-hint').hidden = chatSelect.value === P2P;
    renderTranscript();
    outboxSignature = '';
    outboxEl.textContent = '';
    pollOutbox();
  }

  // ---- HTTP ----
  function request(method, path, body) {
    var init = { method: method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      return res.text().then(function (raw) {
        var data = null;
        try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
        if (!res.ok) {
          var msg = '请求失败（' + res.status + '）';
          if (data && data.error) msg += '：' + str(data.error);
          if (data && Array.isArray(data.problems) && data.problems.length) msg += '\n' + data.problems.map(str).join('\n');
          else if (!data && raw) msg += '：' + raw.slice(0, 200);
          throw new Error(msg);
        }
        if (data === null) throw new Error('服务器返回的不是 JSON（' + path + '）');
        return data;
      });
    }, function (err) {
      throw new Error('网络错误：无法连接模拟器（' + str(err && err.message) + '）');
    });
  }
  function showError(msg) { errorEl.textContent = msg ? String(msg) : ''; }

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

  // ---- transcript ----
  function conv(userId, chatId) {
    var key = convKey(userId, chatId);
    return transcripts[key] || (transcripts[key] = []);
  }
  function entryNode(entry) {
    if (entry.who === 'note') return el('div', 'note', entry.text);
    var wrap = el('div', 'msg ' + entry.who);
    wrap.appendChild(el('div', 'meta', entry.who === 'me' ? userLabel(entry.userId) : '融合助手'));
    if (entry.who === 'me') wrap.appendChild(el('div', 'bubble', entry.text));
    else wrap.appendChild(renderReply(entry.reply, { userId: entry.userId, chatId: entry.chatId }));
    return wrap;
  }
  function renderTranscript() {
    transcriptEl.textContent = '';
    var user = currentUser();
    var entries = user ? conv(user, currentChat()) : [];
    if (!entries.length) {
      transcriptEl.appendChild(el('div', 'empty', user ? '还没有消息。试试发送「帮助」。' : '请选择或输入一个用户。'));
      return;
    }
    entries.forEach(function (e) { transcriptEl.appendChild(entryNode(e)); });
    transcriptEl.scrollTop = transcriptEl.scrollHeight;
  }
  function append(userId, chatId, entry) {
    entry.userId = userId;
    entry.chatId = chatId;
    conv(userId, chatId).push(entry);
    if (currentUser() === userId && currentChat() === chatId) {
      var empty = transcriptEl.querySelector('.empty');
      if (empty) empty.remove();
      transcriptEl.appendChild(entryNode(entry));
      transcriptEl.scrollTop = transcriptEl.scrollHeight;
    }
  }
  function appendReplies(userId, chatId, data, emptyNote) {
    var replies = arr(data && data.replies);
    // A click may answer the clicker alone (a toast) and replace the clicked card.
    var toast = data && data.toast ? str(data.toast.text) : '';
    var updated = data && data.card ? data.card : null;
    if (!replies.length && !toast && !updated) append(userId, chatId, { who: 'note', text: emptyNote });
    if (toast) append(userId, chatId, { who: 'note', text: '提示（仅自己可见）：' + toast });
    if (updated) {
      append(userId, chatId, { who: 'note', text: '卡片已更新为：' });
      append(userId, chatId, { who: 'bot', reply: { kind: 'card', text: '', card: updated } });
    }
    replies.forEach(function (r) { append(userId, chatId, { who: 'bot', reply: r }); });
  }

  // ---- sending ----
  var busy = 0;
  function setBusy(delta) {
    busy += delta;
    sendBtn.disabled = busy > 0;
  }
  function send(text, attachments) {
    var userId = currentUser(), chatId = currentChat();
    if (!userId) { showError(userSelect.value === OTHER ? '账号格式不对：只能包含字母、数字、_ . : -' : '请先选择用户'); return; }
    if (!text.trim() && !attachments) return;
    showError('');
    var shown = attachments ? '📎 ' + str(attachments[0].name) + (text.trim() ? '\n' + text : '') : text;
    append(userId, chatId, { who: 'me', text: shown });
    setBusy(1);
    request('POST', '/dev/chat', { chatId: chatId, userId: userId, text: text, attachments: attachments })
      .then(function (data) {
        appendReplies(userId, chatId, data, '（机器人没有回复）');
      })
      .catch(function (err) { showError(err.message); })
      .then(function () { setBusy(-1); pollOutbox(); });
  }
  function clickButton(btn, b, ctx) {
    var userId = currentUser();
    if (!userId) { showError('请先选择用户'); return; }
    var chatId = ctx.chatId || currentChat();
    btn.disabled = true;
    showError('');
    append(userId, chatId, { who: 'note', text: userLabel(userId) + ' 点击了「' + str(b.label) + '」' });
    request('POST', '/dev/action', { chatId: chatId, userId: userId, action: str(b.action), value: str(b.value) })
      .then(function (data) {
        appendReplies(userId, chatId, data, '（点击已处理，没有回复）');
        if (chatId !== currentChat()) {
          append(currentUser(), currentChat(), { who: 'note', text: '回复在「' + chatLabel(chatId, userId) + '」中' });
        }
      })
      .catch(function (err) { showError(err.message); })
      .then(function () { btn.disabled = false; pollOutbox(); });
  }

  // ---- outbox: what the bot pushed on its own ----
  function formatTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return str(iso);
    try {
      var opts = { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
      if (clockZone) opts.timeZone = clockZone;
      return d.toLocaleString('zh-CN', opts);
    } catch (e) { return d.toISOString(); }
  }
  function renderOutbox(messages, userId) {
    outboxEl.textContent = '';
    if (!messages.length) { outboxEl.appendChild(el('div', 'empty', '暂无推送')); return; }
    messages.forEach(function (m) {
      var to = m && m.to ? m.to : {};
      // A push to a person lives in their private chat; a push to a chat, in that chat.
      var chatId = to.kind === 'user' ? userId : str(to.id) || currentChat();
      var box = el('div', 'push');
      var target = to.kind === 'user' ? '私信给 ' + userLabel(str(to.id)) : '发到 ' + chatLabel(str(to.id), userId);
      var state = STATUS_NAMES[m.status] || str(m.status);
      // A push held over a shift, the rest after it or quiet hours says when it goes out.
      if (m.notBefore) state += '，' + formatTime(m.notBefore) + ' 发出';
      box.appendChild(el('div', 'meta', formatTime(m.at) + ' · ' + target + ' · ' + state));
      box.appendChild(renderReply(m, { userId: userId, chatId: chatId }));
      outboxEl.appendChild(box);
    });
  }
  function pollOutbox() {
    var userId = currentUser(), chatId = currentChat();
    if (!userId) { outboxEl.textContent = ''; outboxStatus.textContent = ''; return; }
    var seq = ++outboxSeq;
    var q = '?chatId=' + encodeURIComponent(chatId) + '&userId=' + encodeURIComponent(userId);
    request('GET', '/dev/outbox' + q)
      .then(function (data) {
        if (seq !== outboxSeq) return;
        outboxErr.textContent = '';
        var messages = arr(data && data.messages);
        outboxStatus.textContent = messages.length + ' 条 · 每 3 秒刷新';
        var sig = messages.map(function (m) { return str(m && m.id) + ':' + str(m && m.status); }).join(',');
        if (sig === outboxSignature && outboxEl.childNodes.length) return;
        outboxSignature = sig;
        renderOutbox(messages, userId);
      })
      .catch(function (err) { if (seq === outboxSeq) outboxErr.textContent = err.message; });
  }

  // ---- the simulated clock (POST /dev/clock moves it; the scheduler catches up at once) ----
  var KIND_NAMES = { taskOverdue: '任务逾期', meetingNotHeld: '会议未按期召开' };
  var ACTION_NAMES = { nudge: '催办提醒', urgent: '加急', leaderCard: '领导卡片', sms: '短信加急', phone: '电话加急' };
  var STEP_STATUS = { sent: '已发出', pending: '等待发送', done: '已加急', skipped: '已跳过', failed: '失败' };
  var clockZone = '';
  function renderClock(data) {
    // The push panel's times are in the bot's zone: redraw it once the zone is known.
    if (clockZone !== str(data.timeZone)) outboxSignature = '';
    clockZone = str(data.timeZone);
    $('clock-now').textContent = str(data.local) + '（' + clockZone + '）';
    var off = Number(data.offsetMinutes) || 0;
    var days = Math.floor(off / 1440), hours = Math.floor((off % 1440) / 60), mins = off % 60;
    var ahead = [days ? days + ' 天' : '', hours ? hours + ' 小时' : '', mins ? mins + ' 分' : '']
      .filter(Boolean).join(' ');
    $('clock-offset').textContent = !data.movable ? '（时钟不可调）' : off ? '比现在快 ' + ahead : '';
    var ladder = $('ladder');
    ladder.textContent = '';
    var steps = arr(data.steps);
    if (!steps.length) ladder.appendChild(el('div', 'empty', '暂无逾期事项被催办'));
    steps.forEach(function (s) {
      var line = (KIND_NAMES[s.kind] || str(s.kind)) + ' #' + str(s.item) + ' · 第 ' + (Number(s.step) + 1) + ' 步 ' +
        (ACTION_NAMES[s.action] || str(s.action)) + ' · ' + (STEP_STATUS[s.status] || str(s.status)) +
        (s.detail ? '（' + str(s.detail) + '）' : '') + ' · ' + str(s.firedAt);
      ladder.appendChild(el('div', 'step ' + str(s.status), line));
    });
  }
  function pollClock() {
    request('GET', '/dev/clock').then(renderClock).catch(function (err) { $('clock-now').textContent = err.message; });
  }
  function moveClock(btn) {
    var body = { action: btn.getAttribute('data-action') };
    if (body.action === 'advance') body.minutes = Number(btn.getAttribute('data-minutes'));
    if (body.action === 'nextMorning') body.at = btn.getAttribute('data-at');
    var buttons = document.querySelectorAll('#clock .btn');
    buttons.forEach(function (b) { b.disabled = true; });
    showError('');
    request('POST', '/dev/clock', body)
      .then(function (data) {
        renderClock(data);
        var ran = arr(data.ran);
        var queued = ran.filter(function (r) { return r.status === 'queued'; });
        var late = ran.filter(function (r) { return r.status === 'skipped-late'; }).length;
        var pushes = queued.reduce(function (n, r) { return n + (Number(r.messages) || 0); }, 0);
        var text = '⏰ 时钟拨到 ' + str(data.local) + '：定时任务运行 ' + queued.length + ' 项，排队推送 ' + pushes + ' 条';
        if (late) text += '；过期未补发 ' + late + ' 项（停机超过补发时限的按设计跳过）';
        var user = currentUser();
        if (user) append(user, currentChat(), { who: 'note', text: text });
      })
      .catch(function (err) { showError(err.message); })
      .then(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        pollOutbox();
      });
  }
  document.querySelectorAll('#clock .btn').forEach(function (btn) {
    btn.addEventListener('click', function () { moveClock(btn); });
  });

  // ---- directory and wiring ----
  function fillPickers(dir) {
    users = arr(dir && dir.users);
    chats = arr(dir && dir.chats);
    userSelect.textContent = '';
    users.forEach(function (u) {
      var parts = [str(u.name), u.employeeNo ? '工号 ' + str(u.employeeNo) : str(u.userId), rolesText(u.roles)];
      if (u.branchCode) parts.push(str(u.branchCode));
      var opt = el('option', '', parts.filter(Boolean).join(' · '));
      opt.value = str(u.userId);
      userSelect.appendChild(opt);
    });
    var other = el('option', '', '其他账号（如未绑定的 u1010）…');
    other.value = OTHER;
    userSelect.appendChild(other);
    chatSelect.textContent = '';
    var p2p = el('option', '', '与机器人私聊');
    p2p.value = P2P;
    chatSelect.appendChild(p2p);
    chats.forEach(function (c) {
      var opt = el('option', '', str(c.name) + '（' + str(c.branchCode) + '）');
      opt.value = str(c.chatId);
      chatSelect.appendChild(opt);
    });
    var savedUser = recall('user'), savedChat = recall('chat');
    otherInput.value = recall('other');
    if (savedUser && userSelect.querySelector('option[value="' + CSS.escape(savedUser) + '"]')) userSelect.value = savedUser;
    if (savedChat && chatSelect.querySelector('option[value="' + CSS.escape(savedChat) + '"]')) chatSelect.value = savedChat;
  }

  QUICK.forEach(function (word) {
    var chip = el('button', 'chip', word);
    chip.type = 'button';
    chip.addEventListener('click', function () { textEl.value = word; send(word); textEl.value = ''; textEl.focus(); });
    $('chips').appendChild(chip);
  });
  function sendBox() {
    var text = textEl.value;
    if (!text.trim()) return;
    if (!currentUser()) { send(text); return; }
    textEl.value = '';
    autosize();
    send(text);
  }
  function autosize() {
    textEl.style.height = 'auto';
    textEl.style.height = Math.min(textEl.scrollHeight + 2, 160) + 'px';
  }
  sendBtn.addEventListener('click', sendBox);
  // A file goes up first (POST /dev/upload), then as the message's attachment, with the box's text as its caption.
  var fileEl = $('file');
  fileEl.addEventListener('change', function () {
    var file = fileEl.files && fileEl.files[0];
    fileEl.value = '';
    if (!file) return;
    if (!currentUser()) { showError('请先选择用户'); return; }
    var form = new FormData();
    form.append('file', file);
    setBusy(1);
    fetch('/dev/upload', { method: 'POST', body: form })
      .then(function (res) {
        return res.json().then(function (data) {
          if (!res.ok) throw new Error('上传失败（' + res.status + '）：' + str(data && data.error));
          var caption = textEl.value;
          textEl.value = '';
          autosize();
          send(caption, [data.attachment]);
        });
      })
      .catch(function (err) { showError(err.message); })
      .then(function () { setBusy(-1); });
  });
  textEl.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendBox();
    }
  });
  textEl.addEventListener('input', autosize);
  userSelect.addEventListener('change', function () {
    switched();
    if (userSelect.value === OTHER) otherInput.focus();
  });
  otherInput.addEventListener('input', switched);
  chatSelect.addEventListener('change', switched);

  request('GET', '/dev/directory')
    .then(fillPickers)
    .catch(function (err) {
      showError('无法加载用户和群列表：' + err.message);
      fillPickers({ users: [], chats: [] });
      userSelect.value = OTHER;
    })
    .then(function () {
      switched();
      pollClock();
      setInterval(function () { pollOutbox(); pollClock(); }, POLL_MS);
    });
})();
</script>
</body>
</html>
`
