import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { exportToPath } from '../../../src/main/export/export-articles'
import { tempDir, tempLibrary, useTempLibraries } from '../../helpers/temp-library'
import { seedLibrary } from './fixtures'

useTempLibraries()

describe('Pandoc formats', () => {
  it('writes ODT with the image inside and LaTeX with its images beside it', async () => {
    const lib = tempLibrary()
    const { ids, images } = seedLibrary(lib)
    const dir = tempDir()
    await exportToPath(lib, { ids: [ids[0]!] }, 'odt', join(dir, 'kamera.odt'))
    const odt = unzipSync(readFileSync(join(dir, 'kamera.odt')))
    const content = Buffer.from(odt['content.xml']!).toString('utf8')
    expect(content).toContain('Videokamera')
    expect(content).toContain('Technik im Detail')
    expect(content).not.toMatch(/pwned/)
    const pictures = Object.keys(odt).filter((n) => n.startsWith('Pictures/'))
    expect(pictures.length).toBeGreaterThan(0)
    expect(Buffer.from(odt[pictures[0]!]!)).toEqual(readFileSync(join(lib.dir, images[0]!)))

    const tex = await exportToPath(lib, { ids: [ids[0]!] }, 'latex', join(dir, 'tex'))
    const latex = readFileSync(tex.documents[0]!, 'utf8')
    expect(latex).toContain('\\begin{document}')
    expect(latex).toContain(`\\includegraphics{${images[0]}}`)
    expect(latex).toContain('e^{i\\pi}+1=0')
    expect(readdirSync(join(dir, 'tex', 'assets'))).toEqual([images[0]!.slice(7)])
  })
})
