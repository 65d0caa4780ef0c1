/** The midday private nudge to members who have not answered their branch's daily quiz (issue 16). */
export const quizNudgeZh = {
  text: '【答题提醒】{unit}今天的 {count} 道学习题您还没有答。发送「答题」即可作答，答对有积分。',
}

export const quizNudgeEn: typeof quizNudgeZh = {
  text: '[Quiz] You have not answered today’s {count} questions of {unit} yet. Send “/quiz” to answer; right answers earn points.',
}
