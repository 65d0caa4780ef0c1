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

export type BranchTotal = { unitId: number; name: string; points: number; members: number }

/**
 * Branches ranked by points per member, so a small branch is not outranked by a big one for its size alone;
 * equal averages (to one decimal) share a place.
 */
export function rankBranches(rows: BranchTotal[]): (BranchTotal & { average: number; place: number })[] {
  const withAverage = rows
    .filter((r) => r.members > 0)
    .map((r) => ({ ...r, average: Math.round((r.points / r.members) * 10) / 10 }))
  const ranked = rank(
    withAverage.map((r) => ({ memberId: r.unitId, name: r.name, unit: '', points: r.average })),
  )
  const byId = new Map(withAverage.map((r) => [r.unitId, r]))
  return ranked.map((r) => ({
    ...(byId.get(r.memberId) as BranchTotal & { average: number }),
    place: r.place,
  }))
}
