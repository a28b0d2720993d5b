import { describe, expect, it } from 'vitest'
import { electronPdfOptions, mmToInches } from '../../../src/main/electron/pdf-options'
import { headerFooter } from '../../../src/main/export/pdf-printer'

describe('electronPdfOptions', () => {
  it('prints like the headless-Chromium printer: page size, margins, header and footer', () => {
    const options = electronPdfOptions({ pageSize: 'Letter', title: 'Weekly <digest>' })
    expect(options.pageSize).toBe('Letter')
    expect(options.margins?.top).toBeCloseTo(20 / 25.4, 6)
    expect(options.margins?.bottom).toBeCloseTo(18 / 25.4, 6)
    expect(options.margins?.left).toBeCloseTo(18 / 25.4, 6)
    expect(options.margins?.right).toBeCloseTo(18 / 25.4, 6)
    expect(options).toMatchObject({
      printBackground: true,
      displayHeaderFooter: true,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
      ...headerFooter('Weekly <digest>'),
    })
    // The title is escaped in the running header.
    expect(options.headerTemplate).toContain('Weekly &lt;digest&gt;')
    expect(electronPdfOptions({ pageSize: 'A4', title: '' }).pageSize).toBe('A4')
  })
})

describe('mmToInches', () => {
  it('converts millimetres and refuses other units', () => {
    expect(mmToInches('25.4mm')).toBe(1)
    expect(mmToInches(' 0mm ')).toBe(0)
    expect(() => mmToInches('1in')).toThrow(/mm/)
    expect(() => mmToInches('')).toThrow()
  })
})
