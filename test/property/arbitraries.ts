import fc from 'fast-check'
import { buildCommandIndex } from '../../src/commands/table'

/** Every word the router knows (Chinese names, English aliases), bare and as `/alias`. */
export const commandWords = buildCommandIndex().defs.flatMap((d) => [
  ...d.names,
  ...d.aliases,
  ...d.aliases.map((a) => `/${a}`),
])

/** Pieces hostile or merely odd users type: control characters, bidi marks, injections, huge numbers, dates. */
const oddPieces = [
  '\u0000',
  '\u0007',
  '\u202e',
  '\u200f',
  '\u200b',
  '\ufeff',
  '\r\n',
  '\t',
  '@所有人',
  '@张三',
  '@u1002',
  '@',
  '<at user_id="all">所有人</at>',
  '**加粗**',
  '[链接](http://127.0.0.1/x)',
  '`code`',
  // A template placeholder, as text: it must come back literally, never be filled in.
  ['$', '{x}'].join(''),
  '<script>alert(1)</script>',
  '"; drop table members; --',
  '9'.repeat(30),
  '-1',
  '0',
  '1e309',
  'NaN',
  '12-15',
  '2026-02-30',
  '明天',
  '下周五',
  '3200吨',
  '１２３',
  'ＡＢＣ',
  '1A2C',
  '√',
  '×',
  '全部',
  '本月',
  'ZC01',
  '截止',
]

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...oddPieces) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 100000 }).map(String) },
)

/** A command word followed by odd arguments, or free text, or a command glued to its argument. */
export const chatText = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(...commandWords), fc.array(piece, { maxLength: 6 }))
      .map(([w, rest]) => [w, ...rest].join(' ')),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...commandWords), piece).map(([w, p]) => w + p) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.array(piece, { maxLength: 8 }).map((p) => p.join('')) },
)
