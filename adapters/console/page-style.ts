/**
 * The simulator chat page's stylesheet (inlined into the page: no external assets).
 */
export const PAGE_STYLE = `
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
`
