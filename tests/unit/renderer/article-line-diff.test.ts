import { describe, expect, it } from 'vitest'
import { lineDiff } from '../../../src/renderer/src/article/line-diff'

// The conflict banner's comparison marks the lines between the common head and tail.
describe('lineDiff', () => {
  it('marks only the lines that differ between two versions', () => {
    const d = lineDiff('# T\n\nsame\nmine\nend\n', '# T\n\nsame\ntheirs\nmore\nend\n')
    expect(d.head).toBe(3)
    expect(d.tail).toBe(2)
    expect(d.mine.slice(d.head, d.mine.length - d.tail)).toEqual(['mine'])
    expect(d.theirs.slice(d.head, d.theirs.length - d.tail)).toEqual(['theirs', 'more'])
  })

  it('never counts a line twice when one text is the other plus lines', () => {
    const d = lineDiff('a\na\n', 'a\na\na\n')
    expect(d.head + d.tail).toBeLessThanOrEqual(d.mine.length)
    expect(d.theirs.length - d.head - d.tail).toBe(1)
  })

  it('finds nothing changed in equal texts', () => {
    const d = lineDiff('x\ny', 'x\ny')
    expect(d.mine.length - d.head - d.tail).toBe(0)
  })
})
