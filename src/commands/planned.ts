import { z } from 'zod'
import { period, taskId, words } from './args'
import { type CommandDef, command } from './command'

/**
 * Commands whose features land with later issues (summary #9, production #14,
 * supervision and study #15, shifts #16, import in chat #17 (#2's CLI first)). They are routed,
 * parsed and listed in help now, and answer "coming soon" until their handler is built.
 */
const none = z.object({}).strict()

export const planned: CommandDef[] = [
  command({
    id: 'summary',
    names: ['汇总'],
    aliases: ['summary'],
    who: ['leader', 'secretary'],
    params: [{ name: 'scope' }, { name: 'period' }],
    args: z.object({
      scope: z
        .string()
        .regex(/^([\w-]{1,20}|全部|all)$/, 'arg.unitCode')
        .optional(),
      period: period.optional(),
    }),
  }),
  command({ id: 'letter', names: ['责任书'], aliases: ['letter'], who: ['member'], params: [], args: none }),
  command({
    id: 'confirmletter',
    names: ['确认责任书'],
    aliases: ['confirmletter'],
    who: ['member'],
    params: [],
    args: none,
  }),
  command({
    id: 'feedback',
    names: ['反映'],
    aliases: ['feedback'],
    who: ['member'],
    chat: 'p2p',
    params: [{ name: 'text', rest: true }],
    args: z.object({ text: words(500) }),
  }),
  command({ id: 'ledger', names: ['台账'], aliases: ['ledger'], who: ['inspector'], params: [], args: none }),
  command({
    id: 'open',
    names: ['立项'],
    aliases: ['open'],
    who: ['inspector'],
    params: [{ name: 'spec', rest: true }],
    args: z.object({
      spec: z.string({ message: 'arg.required' }).regex(/^.+ @\S+ (截止|due) \S+$/, 'arg.required'),
    }),
  }),
  command({
    id: 'fix',
    names: ['整改'],
    aliases: ['fix'],
    who: ['member'],
    params: [{ name: 'id' }, { name: 'note', rest: true }],
    args: z.object({ id: taskId, note: words(500) }),
  }),
  command({
    id: 'verify',
    names: ['验证'],
    aliases: ['verify'],
    who: ['inspector'],
    params: [{ name: 'id' }, { name: 'verdict' }, { name: 'note', rest: true }],
    args: z.object({
      id: taskId,
      verdict: z.enum(['通过', '退回', 'pass', 'return'], { message: 'arg.required' }),
      note: z.string().optional(),
    }),
  }),
  command({
    id: 'import',
    names: ['导入'],
    aliases: ['import'],
    who: ['admin'],
    chat: 'p2p',
    params: [{ name: 'kind' }],
    args: z.object({
      kind: z.enum(
        ['名册', '题库', '日历', '班次', '产量', 'roster', 'questions', 'calendar', 'shifts', 'production'],
        {
          message: 'arg.required',
        },
      ),
    }),
  }),
]
