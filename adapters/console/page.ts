import { PAGE_CLOCK_SCRIPT } from './page-clock'
import { PAGE_MARKUP } from './page-markup'
import { PAGE_OUTBOX_SCRIPT } from './page-outbox'
import { PAGE_RENDER_SCRIPT } from './page-render'
import { PAGE_STYLE } from './page-style'

/**
 * The local simulator's chat page, served at `GET /` while DEV_CHAT is on (DESIGN §3). One self-contained
 * document: inline CSS and vanilla JS, no external assets, so it works offline. Everything the server
 * sends is inserted with textContent / createElement, never as HTML: user text can contain markup.
 * String.raw keeps the backslashes of the inline script as written; the script uses no template literals.
 * The stylesheet, the markup and three parts of the script live in page-*.ts; the script parts share this
 * one function scope.
 */
export const CHAT_PAGE = String.raw`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'">
<title>融合助手 · 本地模拟器</title>
<style>${PAGE_STYLE}</style>
</head>
<body>${PAGE_MARKUP}
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

${PAGE_RENDER_SCRIPT}
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

${PAGE_OUTBOX_SCRIPT}
${PAGE_CLOCK_SCRIPT}
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
