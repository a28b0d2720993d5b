import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { buildMenuTemplate, type MenuOptions } from '../../../src/main/electron/menu-template'

type Item = MenuItemConstructorOptions

function setup(overrides: Partial<MenuOptions> = {}) {
  const sent: string[] = []
  const actions: string[] = []
  const menu = buildMenuTemplate({
    platform: 'linux',
    appName: 'Broadsheet',
    command: (id) => sent.push(id),
    importFiles: () => actions.push('import'),
    showLibraryFolder: () => actions.push('folder'),
    ...overrides,
  })
  return { menu, sent, actions }
}

const submenu = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[]
const top = (menu: Item[], label: string): Item | undefined =>
  menu.find((m) => m.label?.replace('&', '') === label)
/** Every item in the menu, depth first. */
function all(items: Item[]): Item[] {
  return items.flatMap((i) => [i, ...all(submenu(i))])
}
const byId = (menu: Item[], id: string) => all(menu).find((i) => i.id === id)
const roles = (items: Item[]) => items.map((i) => i.role).filter(Boolean)
const click = (item: Item | undefined) => (item?.click as (() => void) | undefined)?.call(undefined)

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Go, Window and Help on Linux and Windows, with mnemonics', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { menu } = setup({ platform })
      expect(menu.map((m) => m.label)).toEqual([
        '&File',
        '&Edit',
        '&View',
        '&Go',
        '&Window',
        '&Help',
      ])
    }
  })

  it('puts the app menu first on macOS, with About, Settings, Hide and Quit', () => {
    const { menu } = setup({ platform: 'darwin' })
    expect(menu.map((m) => m.label)).toEqual([
      'Broadsheet',
      'File',
      'Edit',
      'View',
      'Go',
      'Window',
      'Help',
    ])
    const appMenu = submenu(menu[0])
    expect(roles(appMenu)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(appMenu.find((i) => i.id === 'settings.open')?.accelerator).toBe('CmdOrCtrl+,')
    // Quit and Settings live only in the app menu there, not in File.
    expect(roles(submenu(top(menu, 'File')))).toEqual(['close'])
    expect(submenu(top(menu, 'File')).some((i) => i.id === 'settings.open')).toBe(false)
  })

  it('ends File with Settings and Quit elsewhere', () => {
    const { menu } = setup({ platform: 'win32' })
    const file = submenu(top(menu, 'File'))
    expect(roles(file)).toEqual(['close', 'quit'])
    expect(file.filter((i) => i.type !== 'separator').at(-2)?.id).toBe('settings.open')
  })

  it('gives app commands their shortcuts and sends their ids to the page', () => {
    const { menu, sent } = setup()
    const expected: [string, string | undefined][] = [
      ['article.new', 'CmdOrCtrl+N'],
      ['clip.open', 'CmdOrCtrl+Shift+S'],
      ['feeds.add', undefined],
      ['feeds.refreshAll', 'CmdOrCtrl+Shift+R'],
      ['export.open', 'CmdOrCtrl+Shift+E'],
      ['edit.find', 'CmdOrCtrl+F'],
      ['article.read', 'CmdOrCtrl+Shift+1'],
      ['article.split', 'CmdOrCtrl+Shift+2'],
      ['article.edit', 'CmdOrCtrl+Shift+3'],
      ['view.toggleSidebar', 'CmdOrCtrl+\\'],
      ['palette.open', 'CmdOrCtrl+K'],
      ['text.bigger', 'CmdOrCtrl+='],
      ['text.smaller', 'CmdOrCtrl+-'],
      ['go.all', 'CmdOrCtrl+1'],
      ['go.unread', 'CmdOrCtrl+2'],
      ['go.starred', 'CmdOrCtrl+3'],
      ['go.drafts', 'CmdOrCtrl+4'],
      ['go.archive', 'CmdOrCtrl+5'],
      ['go.trash', 'CmdOrCtrl+6'],
    ]
    for (const [id, accelerator] of expected) {
      const item = byId(menu, id)
      expect(item, id).toBeDefined()
      expect(item?.accelerator, id).toBe(accelerator)
      click(item)
    }
    expect(sent).toEqual(expected.map(([id]) => id))
  })

  it('never uses a shortcut twice or a bare key the editor needs', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const keys = all(setup({ platform }).menu)
        .map((i) => i.accelerator)
        .filter((a): a is string => typeof a === 'string')
      expect(new Set(keys).size).toBe(keys.length)
      for (const key of keys) expect(key).toMatch(/^CmdOrCtrl\+/)
    }
  })

  it('does imports and reveals the library in the main process', () => {
    const { menu, sent, actions } = setup()
    expect(byId(menu, 'file.import')?.accelerator).toBe('CmdOrCtrl+O')
    click(byId(menu, 'file.import'))
    click(byId(menu, 'help.libraryFolder'))
    expect(actions).toEqual(['import', 'folder'])
    click(byId(menu, 'help.shortcuts'))
    expect(sent).toEqual(['help.shortcuts'])
  })

  it('uses the platform roles for editing, zoom, full screen and windows', () => {
    const linux = setup().menu
    expect(roles(submenu(top(linux, 'Edit')))).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'delete',
      'selectAll',
    ])
    expect(roles(submenu(top(linux, 'View')))).toEqual(['resetZoom', 'togglefullscreen'])
    expect(roles(submenu(top(linux, 'Window')))).toEqual(['minimize', 'close'])
    expect(roles(submenu(top(linux, 'Help')))).toEqual(['about'])

    const mac = setup({ platform: 'darwin' }).menu
    expect(roles(all(submenu(top(mac, 'Edit'))))).toContain('pasteAndMatchStyle')
    expect(roles(all(submenu(top(mac, 'Edit'))))).toContain('startSpeaking')
    expect(roles(submenu(top(mac, 'Window')))).toEqual(['minimize', 'zoom', 'front'])
  })

  it('shows Reload and Developer Tools only in development', () => {
    const devRoles = ['reload', 'forceReload', 'toggleDevTools']
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const shipped = roles(all(setup({ platform }).menu))
      for (const role of devRoles) expect(shipped).not.toContain(role)
      const dev = roles(all(setup({ platform, isDev: true }).menu))
      for (const role of devRoles) expect(dev).toContain(role)
    }
  })

  it('checks the current theme and switches theme through the page', () => {
    const { menu, sent } = setup({ theme: 'sepia' })
    const themes = submenu(submenu(top(menu, 'View')).find((i) => i.label === 'Theme'))
    expect(themes.map((i) => [i.id, i.type, i.checked])).toEqual([
      ['theme.system', 'radio', false],
      ['theme.light', 'radio', false],
      ['theme.dark', 'radio', false],
      ['theme.sepia', 'radio', true],
    ])
    click(themes[2])
    expect(sent).toEqual(['theme.dark'])
    const fresh = setup().menu
    expect(byId(fresh, 'theme.system')?.checked).toBe(true)
  })
})
