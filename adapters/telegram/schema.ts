import { z } from 'zod'

/**
 * The parts of the Bot API's Update that the bot reads (https://core.telegram.org/bots/api#update), checked
 * with zod; unknown fields pass through unread. Built once: zod compiles a schema on first use.
 */
const id = z.number().int()

export const User = z.object({
  id,
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
})

export const Chat = z.object({
  id,
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().optional(),
})

const Entity = z.object({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  user: User.optional(),
})

// https://core.telegram.org/bots/api#message
export const Message = z.object({
  message_id: id,
  message_thread_id: id.optional(),
  is_topic_message: z.boolean().optional(),
  from: User.optional(),
  sender_chat: Chat.optional(),
  chat: Chat,
  text: z.string().optional(),
  entities: z.array(Entity).optional(),
  caption: z.string().optional(),
  caption_entities: z.array(Entity).optional(),
  reply_to_message: z.object({ message_id: id, from: User.optional() }).optional(),
})
export type Message = z.infer<typeof Message>
export type Entity = z.infer<typeof Entity>

// https://core.telegram.org/bots/api#callbackquery; `message` may be an InaccessibleMessage (date 0).
export const CallbackQuery = z.object({
  id: z.string().min(1),
  from: User,
  message: z
    .object({
      message_id: id,
      chat: Chat,
      message_thread_id: id.optional(),
      is_topic_message: z.boolean().optional(),
    })
    .optional(),
  data: z.string().optional(),
})

// https://core.telegram.org/bots/api#chatmemberupdated
const Member = z.object({ status: z.string(), user: User })
export const ChatMemberUpdated = z.object({ chat: Chat, old_chat_member: Member, new_chat_member: Member })

export const Update = z.object({ update_id: id.nonnegative() })
