import { z } from 'zod'
import { todoCard } from '../cards/todo'
import { loadTodo, type TodoFacts } from '../db/todo-facts'
import { loadUnits } from '../db/units'
import { todoScope } from '../domain/todo'
import { UserError } from '../errors'
import { card } from '../messages'
import { type Ctx, command, type Outcome } from './command'

/** The asker's 待办 as it stands now: their scope (secretary's branch, leader's subtree) and its pending work. */
export async function currentTodo(ctx: Ctx): Promise<TodoFacts> {
  if (!ctx.me) throw new UserError('common.needBind')
  const units = await loadUnits(ctx.db)
  const scope = todoScope(ctx.me.grants, units, ctx.chat?.unitId)
  if (!scope) throw new UserError('todo.notYourUnit')
  return loadTodo(ctx.db, scope, units, ctx.now, ctx.timeZone, {
    viewer: ctx.me.id,
    production: ctx.settings.production,
  })
}

/** The card for `ctx`'s asker, short or full. */
export const todoCardOf = (ctx: Ctx, facts: TodoFacts, full = false) =>
  todoCard(ctx.locale, facts, { full, timeZone: ctx.timeZone })

/** `待办`: the morning card on demand. */
export const todoCmd = command({
  id: 'todo',
  names: ['待办'],
  aliases: ['todo'],
  who: ['secretary', 'leader'],
  params: [],
  args: z.object({}).strict(),
  async run(ctx): Promise<Outcome> {
    return { writes: [], replies: [card(todoCardOf(ctx, await currentTodo(ctx)))] }
  },
})
