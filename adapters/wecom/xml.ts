import { XMLParser } from 'fast-xml-parser'

/**
 * WeCom's XML, read safely (DESIGN §6): a document with a DOCTYPE is refused before parsing (no entity can
 * be declared), entity processing is off, and values stay strings (a MsgId longer than 2^53 keeps its digits).
 * Only the flat `<xml>` element WeCom sends is read: nested elements come back as objects and are ignored
 * by the callers' zod schemas.
 */
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
})

export function parseWecomXml(text: string): Record<string, unknown> | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return undefined
  try {
    const doc = parser.parse(text) as Record<string, unknown>
    const root = doc.xml
    return typeof root === 'object' && root !== null && !Array.isArray(root)
      ? (root as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
