/** Fenced code blocks, as CommonMark opens and closes them (shared by the text reducers). */

/** A fence line: up to 3 spaces, 3+ backticks or tildes, then the info string. */
export const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/

/**
 * Whether `line` closes the block opened by `fence`: the same character, at least as many,
 * and nothing after it but spaces.
 */
export function closesFence(line: string, fence: string): boolean {
  const close = line.includes(fence) ? FENCE.exec(line) : null
  return (
    close !== null &&
    close[1]![0] === fence[0] &&
    close[1]!.length >= fence.length &&
    !close[2]!.trim()
  )
}
