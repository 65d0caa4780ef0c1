/** Points rules: pure decisions over what a member already earned. */
export type RankRow = { memberId: number; name: string; unit: string; points: number }

/** Standard competition ranking (1, 2, 2, 4): equal points share a place. */
export function rank(rows: RankRow[]): (RankRow & { place: number })[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, 'zh-CN'))
  return sorted.map((r, i) => {
    const firstEqual = sorted.findIndex((s) => s.points === r.points)
    return { ...r, place: firstEqual === i ? i + 1 : firstEqual + 1 }
  })
}
