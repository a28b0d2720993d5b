import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  buildContextMenuTemplate,
  type ContextMenuInput,
} from '../../../src/main/electron/context-menu-template'

const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true }

function params(over: Partial<ContextMenuInput> = {}): ContextMenuInput {
  return {
    misspelledWord: '',
    dictionarySuggestions: [],
    isEditable: false,
    selectionText: '',
    linkURL: '',
    editFlags: flags,
    ...over,
  }
}

function build(p: ContextMenuInput) {
  const done: string[] = []
  const menu = buildContextMenuTemplate(p, {
    replaceMisspelling: (s) => done.push(`replace ${s}`),
    addToDictionary: (w) => done.push(`add ${w}`),
    openLink: (u) => done.push(`open ${u}`),
    copyLink: (u) => done.push(`copy ${u}`),
  })
  return { menu, done }
}

const describeItem = (i: MenuItemConstructorOptions) =>
  i.type === 'separator' ? '---' : (i.role ?? i.label)
const click = (i: MenuItemConstructorOptions | undefined) =>
  (i?.click as (() => void) | undefined)?.call(undefined)

describe('buildContextMenuTemplate', () => {
  it('offers spelling suggestions, Add to Dictionary and editing on a misspelled word', () => {
    const { menu, done } = build(
      params({
        isEditable: true,
        misspelledWord: 'recieve',
        dictionarySuggestions: ['receive', 'relieve', 'recite', 'revive', 'reweave', 'reprieve'],
      }),
    )
    expect(menu.map(describeItem)).toEqual([
      'receive',
      'relieve',
      'recite',
      'revive',
      'reweave',
      'Add to Dictionary',
      '---',
      'cut',
      'copy',
      'paste',
      '---',
      'selectAll',
    ])
    click(menu[0])
    click(menu.find((i) => i.label === 'Add to Dictionary'))
    expect(done).toEqual(['replace receive', 'add recieve'])
  })

  it('says when there is no guess', () => {
    const { menu } = build(params({ isEditable: true, misspelledWord: 'qwzx' }))
    expect(menu[0]).toMatchObject({ label: 'No Guesses Found', enabled: false })
    expect(menu[1]?.label).toBe('Add to Dictionary')
  })

  it('enables editing items as the page allows', () => {
    const { menu } = build(
      params({
        isEditable: true,
        editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true },
      }),
    )
    expect(menu.map((i) => [describeItem(i), i.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['---', undefined],
      ['selectAll', true],
    ])
  })

  it('offers only Copy on selected text outside an editor, and nothing on a plain click', () => {
    expect(build(params({ selectionText: 'some words' })).menu.map(describeItem)).toEqual(['copy'])
    expect(build(params({ selectionText: '  \n' })).menu).toEqual([])
    expect(build(params()).menu).toEqual([])
  })

  it('opens and copies web and mail links', () => {
    for (const url of ['https://example.com/a?b=1', 'mailto:editor@example.com']) {
      const { menu, done } = build(params({ linkURL: url }))
      expect(menu.map(describeItem)).toEqual(['Open Link in Browser', 'Copy Link Address'])
      click(menu[0])
      click(menu[1])
      expect(done).toEqual([`open ${url}`, `copy ${url}`])
    }
  })

  it('offers nothing for links the app would never open', () => {
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://broadsheet/index.html',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      expect(build(params({ linkURL: url })).menu).toEqual([])
    }
  })
})
