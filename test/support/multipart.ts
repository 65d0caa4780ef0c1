/**
 * A multipart/form-data body as the fakes need it: text fields and files by part name. Written out rather than
 * `Request.formData()` because grammY sends `filename=` unquoted with raw UTF-8, which undici's parser refuses.
 */
export type Multipart = {
  fields: Record<string, string>
  files: Record<string, { filename: string; bytes: Uint8Array }>
}

export function parseMultipart(contentType: string, body: Buffer): Multipart | undefined {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2]
  if (!boundary) return undefined
  const out: Multipart = { fields: {}, files: {} }
  const delimiter = Buffer.from(`--${boundary}`)
  let at = body.indexOf(delimiter)
  while (at >= 0) {
    const start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const next = body.indexOf(delimiter, start)
    if (next < 0) return undefined
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2)
    const split = part.indexOf('\r\n\r\n')
    if (split < 0) return undefined
    const headers = part.subarray(0, split).toString('utf8')
    const content = part.subarray(split + 4)
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    const filename = /filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(headers)
    if (name === undefined) return undefined
    if (filename)
      out.files[name] = { filename: filename[1] ?? filename[2] ?? '', bytes: new Uint8Array(content) }
    else out.fields[name] = content.toString('utf8')
    at = next
  }
  return out
}
