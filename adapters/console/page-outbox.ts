/**
 * Script part of the chat page: the panel of what the bot pushed on its own, polled from /dev/outbox.
 * Inserted into page.ts's script scope.
 */
export const PAGE_OUTBOX_SCRIPT = `
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

`
