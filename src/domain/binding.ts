/** Who may link a chat account to a roster number, decided from facts the handler loaded. */
export type BindFacts = {
  member?: { id: number; active: boolean }
  /** The account the roster carries for this member on this platform, if any. */
  rosterAccount?: string
  /** The account already bound to this member on this platform, if any. */
  boundAccount?: string
  /** The member this account is already bound to, if any. */
  myMemberId?: number
  /** This account's pending request, if any. */
  pendingRequestId?: number
  userId: string
}

export type BindDecision =
  | { kind: 'unknownNo' }
  | { kind: 'already' }
  | { kind: 'taken' }
  | { kind: 'otherAccount' }
  | { kind: 'stillPending'; requestId: number }
  | { kind: 'bindNow' }
  | { kind: 'request' }

export function decideBind(f: BindFacts): BindDecision {
  if (f.myMemberId !== undefined)
    return f.myMemberId === f.member?.id ? { kind: 'already' } : { kind: 'taken' }
  if (!f.member?.active) return { kind: 'unknownNo' }
  if (f.boundAccount !== undefined) return { kind: 'taken' }
  if (f.rosterAccount !== undefined)
    return f.rosterAccount === f.userId ? { kind: 'bindNow' } : { kind: 'otherAccount' }
  if (f.pendingRequestId !== undefined) return { kind: 'stillPending', requestId: f.pendingRequestId }
  return { kind: 'request' }
}

export type ApproveFacts = {
  request?: { id: number; status: 'pending' | 'approved' | 'rejected'; memberBranchId: number }
  mayApprove: boolean
  /** Whether the member got bound to another account meanwhile. */
  memberAlreadyBound: boolean
}

export type ApproveDecision =
  | { kind: 'noRequest' }
  | { kind: 'notYourBranch' }
  | { kind: 'taken' }
  | { kind: 'ok' }

export function decideApproval(f: ApproveFacts): ApproveDecision {
  if (f.request?.status !== 'pending') return { kind: 'noRequest' }
  if (!f.mayApprove) return { kind: 'notYourBranch' }
  if (f.memberAlreadyBound) return { kind: 'taken' }
  return { kind: 'ok' }
}
