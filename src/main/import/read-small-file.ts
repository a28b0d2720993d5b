import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

/** Largest Markdown file imported (the editor is built for documents far smaller). */
export const MAX_MARKDOWN_BYTES = 64 * 1024 * 1024

/** Thrown by `readSmallFile` for a file over `MAX_MARKDOWN_BYTES`. */
export class TooLarge extends Error {}

/** A file's bytes, refusing one over `MAX_MARKDOWN_BYTES` before reading it. */
export function readSmallFile(file: string): Buffer {
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    if (size > MAX_MARKDOWN_BYTES) throw new TooLarge()
    const buf = Buffer.allocUnsafe(size)
    let got = 0
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got)
      if (n === 0) break
      got += n
    }
    // A file that shrank while being read is taken as it now is.
    return got === size ? buf : buf.subarray(0, got)
  } finally {
    closeSync(fd)
  }
}
