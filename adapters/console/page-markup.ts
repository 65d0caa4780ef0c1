/**
 * The simulator chat page's markup: pickers, the simulated clock, the transcript and composer, the push and
 * escalation panels. The script in page.ts finds its elements by id.
 */
export const PAGE_MARKUP = `
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
`
