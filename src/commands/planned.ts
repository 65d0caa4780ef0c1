import type { CommandDef } from './command'

/**
 * Commands whose features land with later issues. They are routed, parsed and listed in help, and answer
 * "coming soon" until their handler is built. Every command of the issues so far is built.
 */
export const planned: CommandDef[] = []
