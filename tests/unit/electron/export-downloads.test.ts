import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { handleExportDownloads, isAppDownload } from '../../../src/main/electron/export-downloads'

describe('export downloads in the desktop app', () => {
  it('accepts only blobs made by the app page', () => {
    expect(isAppDownload('blob:app://broadsheet/0b6e0d1c-55f4-4e5e-a1b0-6e0d1c55f44e')).toBe(true)
    expect(isAppDownload('blob:http://localhost:5173/0b6e0d1c', 'http://localhost:5173/')).toBe(
      true,
    )
    expect(isAppDownload('blob:http://localhost:5173/0b6e0d1c')).toBe(false)
    expect(isAppDownload('blob:https://evil.example/0b6e0d1c')).toBe(false)
    expect(isAppDownload('https://evil.example/file.exe')).toBe(false)
    expect(isAppDownload('app://broadsheet/index.html')).toBe(false)
  })

  /** A download item as Electron's session hands it over (the parts the handler uses). */
  function download(url: string) {
    const item = Object.assign(new EventEmitter(), {
      cancelled: false,
      dialog: null as null | { title?: string; defaultPath?: string },
      getURL: () => url,
      getFilename: () => 'Mappe.epub',
      getSavePath: () => '/home/reader/Mappe.epub',
      cancel() {
        this.cancelled = true
      },
      setSaveDialogOptions(options: { title?: string; defaultPath?: string }) {
        this.dialog = options
      },
    })
    return item
  }

  it('offers a save dialog for an export, reveals the saved file, and cancels other downloads', () => {
    const session = new EventEmitter()
    const revealed: string[] = []
    handleExportDownloads(session as never, (path) => revealed.push(path))

    const exported = download('blob:app://broadsheet/1234')
    session.emit('will-download', {}, exported)
    expect(exported.cancelled).toBe(false)
    expect(exported.dialog).toEqual({ title: 'Export', defaultPath: 'Mappe.epub' })
    exported.emit('done', {}, 'completed')
    expect(revealed).toEqual(['/home/reader/Mappe.epub'])

    const abandoned = download('blob:app://broadsheet/5678')
    session.emit('will-download', {}, abandoned)
    abandoned.emit('done', {}, 'cancelled')
    expect(revealed).toHaveLength(1)

    const foreign = download('https://evil.example/payload.exe')
    session.emit('will-download', {}, foreign)
    expect(foreign.cancelled).toBe(true)
  })
})
