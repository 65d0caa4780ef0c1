/**
 * Script part of the chat page: the simulated clock and the escalation ladder, from /dev/clock.
 * Inserted into page.ts's script scope.
 */
export const PAGE_CLOCK_SCRIPT = `
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

`
