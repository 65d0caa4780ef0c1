/** What `npm run import` takes: the kinds of file (English and Chinese names) and the usage text. */
export const KINDS = {
  roster: '名册',
  questions: '题库',
  calendar: '日历',
  shifts: '班次',
  production: '产量',
  letters: '责任书',
  assessments: '考核',
} as const
export type Kind = keyof typeof KINDS

export const USAGE = `用法 Usage: npm run import -- <类型 kind> <文件 FILE> [--db 路径 PATH] [--dry-run]
       npm run import -- calendar --export <文件 FILE.csv>   导出日历 / export the calendar
       npm run import -- questions --export <文件 FILE.csv> [--sample]   导出题库 / export the question bank
       npm run import -- questions --approve <编码,编码…|all-pending>   审核通过 / approve pending questions

把 CSV（UTF-8）或 XLSX 文件导入机器人的数据库：全部导入或一行也不写，并报告每个有问题的行（行号、列、原因）。
Imports a CSV (UTF-8) or XLSX file into the bot's database: all rows or none, with a report of every bad
row (row number, column, what is wrong). Works on a running or a stopped bot's database.

类型 kinds:
  roster      名册 members, roles, platform accounts
  questions   题库 question bank (imported questions wait as 待审核 until approved)
  calendar    日历 holidays (调休) and the activity calendar
  shifts      班次 team rotations and members' days
  production  产量 daily production figures (a dispatch report)
  letters     责任书 responsibility letters (targets of both sides; signers are asked to confirm)
  assessments 考核 annual assessments of branches (双进入: Party-building review and business grade)

选项 options:
  --db PATH    数据库文件；默认取 DATABASE_PATH，否则 ./data/ronghe.db
               SQLite file; default $DATABASE_PATH, else ./data/ronghe.db
  --dry-run    只检查并报告，不写入 / validate and report, write nothing
  --export     （日历、题库）把数据库中的内容写到 FILE（CSV），可修改后再导入 / write calendar or bank to FILE as CSV
  --sample     （题库 --export）导出内置示例题库而不是数据库中的题库 / export the shipped sample bank instead
  --approve    （题库）审核通过这些编码的待审核题目，或 all-pending 全部通过 / approve these codes or all pending
  -h, --help   显示本帮助 / show this help

名册的列 roster columns（第 1 行为表头 / row 1 is the header; Chinese or English names）:
  工号 employee_no        必填，2–20 位字母或数字 / required, 2–20 letters or digits, unique
  姓名 name               必填，最多 20 个字 / required, at most 20 characters
  支部编码 branch_code    必填，已有支部，如 ZC01 / required, an existing branch
  党小组编码 group_code   可选，该支部下的党小组 / optional, a group of that branch
  角色 roles              可选 书记 领导 管理员 调度员 纪检，以 、 , ; 或空格分隔；书记属本支部，其余默认属党委，
                          领导:ZC01 指定单位 / secretary leader admin dispatcher inspector; leader:ZC01 names the unit
  飞书ID feishu_id        可选，飞书 open_id / optional
  TelegramID telegram_id  可选，数字用户 ID / optional, numeric user id
  在册 active             是/否、1/0、true/false，默认 是 / default yes
文件中没有的成员保持原样 / members not in the file are left as they are.

日历的列 calendar columns（一张表，按 类别 区分 / one sheet, rows told apart by 类别 kind）:
  类别 kind          放假 / 上班（调休上班）/ 阶段 / 会议 / 每日
  编码 key           阶段、会议、每日必填，如 july1-2027、themeDay；同编码同范围的旧安排被替换
  范围 scope         留空 = 全党委；支部编码（如 ZC01）= 只改该支部 / blank = whole organisation, or a unit code
  名称 title         节假日名称或活动名称，如 国庆节、主题党日
  类型 type          会议：主题党日 支委会 党小组会 党员大会 党课 学习 其他
  开始日期 starts_on 放假/上班：日期（可与 结束日期 组成一段）；阶段：开始日期 / the day, or a stage's start
  结束日期 ends_on   阶段的结束日期；放假/上班可留空 / a stage's end
  规则 rule          会议：每月15日（monthly:15）或 每季第3月10日（quarterly:3:10）
  时间 at            提醒时间，默认 09:00 / reminder time
  提前天数 lead_days 如 7,1,0（0 = 当天）/ days ahead, 0 = on the day
  催办天数 nudge_days 会议：期末前几天提醒书记尚未召开 / days before the period ends to nudge the secretary
  顺延 move          顺延（默认，逢休息日改到下一个工作日）/ 提前 / 不调整
  提示语 message     可选，自定义通知文字，可用 {title} {date} {days} {from} {to}
  启用 enabled       是/否，默认 是
某年的放假/上班行会整年替换该年的节假日安排，并把该年标记为已确认。
Holiday rows replace their whole year and mark it confirmed.

题库的列 question columns（第 1 行为表头 / row 1 is the header; Chinese or English names）:
  编码 code            必填，字母、数字、- 或 _，如 AQ-101；同编码的题被替换 / required, a question is replaced by its code
  题型 kind            单选 / 多选 / 判断 (single / multiple / judge)
  分类 category        必填，如 安全生产、党章党规、理论学习、党史 / required
  难度 difficulty      1、2、3（或 易、中、难），默认 1 / default 1
  题干 stem            必填 / required
  选项A … 选项H        选择题至少 2 个，从 A 起连续填写；判断题留空 / option_a … option_h, from A on; blank for judge
  答案 answer          单选 A；多选 ABC（至少 2 个）；判断 对/错、T/F 或 √/× / A, ABC, or T/F
  解析 explanation     可选，答题后显示 / optional, shown after answering
  出处 source          必填，文件和条款，如 《煤矿安全规程》第一百三十五条 / required: document and article
  原文 quote           必填，出处中包含答案的原句；答案选项不在原文中时给出提醒（不拒绝）
                       required: the sentence holding the answer; a keyed option not found in it is a warning
新增或内容有变化的题为 待审核，审核通过前不会出现在答题中；内容未变的题保持原状态。
New or changed questions are pending (待审核) and stay out of quizzes until approved; unchanged ones keep their status.

产量的列 production columns（每行一个数 / one figure a row）:
  班组 team            必填，支部或党小组编码（如 ZC01），或生产班组名称（如 综采一队早班）/ unit code or team name
  指标 metric          必填，如 原煤产量、进尺、三违，或代码 coal、footage / a metric name or code
  日期 date            必填，如 2026-11-24，不能是以后的日期 / a day, not in the future
  数值 value           必填，按指标的单位（吨、米、起、%）/ a number in the metric's unit
  来源编号 source_id   可选，调度系统的行号；同一编号只导入一次 / optional; a stored id is skipped
同一班组、指标、日期再次导入新数值即为更正，旧值保留在历史中。
A new value for a stored team, metric and day is a correction; the old one stays in the history.

班次的列 shifts columns（一行一个党小组的轮班，或一名成员某天的班次 / a group's rotation or a member's day）:
  党小组编码 group_code  轮班行必填，如 ZC01-1（党小组与生产班组一一对应）/ the party group paired with the team
  轮班 cycle             按天列出班次代码，如 早 早 中 中 夜 夜 休 休 / one shift code (or 休) per day
  起始日期 anchor_day    轮班第一天，如 2026-12-01 / the cycle's first day
  工号 employee_no       个人行必填 / a member's row
  日期 day, 班次 shift   该成员当天的班次：早、中、夜（settings.shifts 的代码）或 休 / that day's shift or 休
同一党小组的轮班被替换；个人班次追加，以最新一条为准 / a rotation replaces its group's; a member's day counts newest.

责任书的列 letters columns（每行一项目标，同一编号的行组成一份责任书 / one target a row, grouped by code）:
  编号 code              必填，如 2027-ZC01-SJ；再次导入内容有变化即升为新版本，签订人需重新确认
                         required; a changed letter becomes its next version and is confirmed again
  工号 employee_no       必填，签订人 / required, the signer
  层级 level, 专业 profession  必填，如 区队级、采煤 / required, e.g. 区队级, 采煤
  期间 period            2027、2027上半年、2027Q1、2027-03 或 2027-01-01~2027-06-30
  单位编码 unit_code     可选，衡量进度的单位；默认签订人所在支部 / optional; default the signer's branch
  类别 side              党建 或 生产 / party or production
  目标 target            必填，目标内容 / required, the target's text
  指标 metric            可选，产量指标（如 原煤产量）：按期间内该单位的数衡量 / optional, measured by figures
  任务类型 task_type     可选，目标/整改/先锋岗/点题：按期间内确认完成的任务数衡量 / optional, by tasks done
  目标值 value           写了指标或任务类型时必填 / required with a metric or task type
文件中没有的责任书保持原样 / letters not in the file are left as they are.

考核的列 assessments columns（每个支部每年一行 / one row per branch and year）:
  支部编码 branch_code   必填，如 ZC01 / required
  年份 year              必填，如 2026，不能是以后的年份 / required, not a year to come
  党建考评 review        好 / 较好 / 一般 / 差
  业务考核 business      优秀 / 良好 / 合格 / 不合格
  党建得分 party_score, 业务得分 business_score  可选，0–100 / optional KPI scores
同一支部同一年份再次导入即替换；业务优秀而党建考评不是「好」的行照常导入，并列为双评双优不符。
A stored branch and year is replaced; rows breaking 双评双优 are imported and listed.

退出码 exit codes: 0 已导入 imported · 1 文件被拒绝 refused · 2 用法错误 usage error
示例 example: npm run import -- roster 名册.xlsx --dry-run
             npm run import -- calendar 2027节假日.csv
             npm run import -- questions 题库.xlsx && npm run import -- questions --approve all-pending`
