/**
 * The four form dialogs (Save from URL, Export, Add feed, feed settings) share their look
 * through `shell/Dialog.svelte`. Each is opened in Chromium against browser mode and saved as
 * a picture of the dialog alone (test-results/screenshots/dialog-*.png) for a person to compare
 * when those styles change; the test checks the shared rules reach each dialog.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFeed } from '../../src/main/feeds/store'
import { type AppFixture, createArticle, pressUntilShown, startApp } from './app-fixture'
import { SCREENSHOTS } from './browser'

let app: AppFixture
let page: Page

beforeAll(async () => {
  app = await startApp((lib) => {
    const feed = insertFeed(lib, { url: 'https://wire.example/rss', title: 'World Wire' })
    createArticle(lib, '---\ntitle: Storm warning\n---\nText.\n', {
      feedId: feed,
      feedItemId: 'guid:storm',
    })
  })
  page = await app.open()
}, 600_000)

afterAll(async () => {
  await app?.close()
})

/** Save a picture of the dialog alone. */
async function shoot(dialog: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await dialog.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' })
}

/** The computed style of the dialog's primary button and a plain one. */
async function buttonLook(dialog: Locator) {
  const look = (button: Locator) =>
    button.evaluate((el) => {
      const s = getComputedStyle(el)
      return { padding: s.padding, radius: s.borderRadius, background: s.backgroundColor }
    })
  return {
    primary: await look(dialog.locator('button.primary')),
    plain: await look(dialog.locator('button:not(.primary):not(.danger)').first()),
  }
}

describe('form dialogs', { timeout: 120_000 }, () => {
  it('Save from URL, Export, Add feed and feed settings look alike', async () => {
    const clip = page.getByRole('dialog', { name: 'Save page from URL' })
    await pressUntilShown(page, 'Control+Shift+S', clip)
    await shoot(clip, 'dialog-save-from-url')
    const clipButtons = await buttonLook(clip)
    await page.keyboard.press('Escape')

    const exporting = page.getByRole('dialog', { name: 'Export' })
    await pressUntilShown(page, 'Control+Shift+E', exporting)
    await expect.poll(() => exporting.getByRole('radio').count()).toBeGreaterThan(0)
    await shoot(exporting, 'dialog-export')
    const exportButtons = await buttonLook(exporting)
    await page.keyboard.press('Escape')

    const feeds = page.getByRole('region', { name: 'Feeds' })
    await feeds.getByRole('button', { name: 'Add feed' }).click()
    const add = page.getByRole('dialog', { name: 'Add feed' })
    await add.waitFor()
    await shoot(add, 'dialog-add-feed')
    const addButtons = await buttonLook(add)
    await page.keyboard.press('Escape')

    await feeds.getByRole('button', { name: 'Settings for World Wire' }).click()
    const edit = page.getByRole('dialog', { name: 'Feed: World Wire' })
    await edit.waitFor()
    await shoot(edit, 'dialog-edit-feed')
    const editButtons = await buttonLook(edit)
    const danger = await edit
      .getByRole('button', { name: 'Unfollow…' })
      .evaluate((el) => getComputedStyle(el).color)
    const plainText = await edit
      .getByRole('button', { name: 'Cancel' })
      .evaluate((el) => getComputedStyle(el).color)
    await page.keyboard.press('Escape')

    // The primary button is filled with the accent, the others are not, in every dialog.
    for (const look of [clipButtons, exportButtons, addButtons, editButtons]) {
      expect(look.primary.background).not.toBe(look.plain.background)
      expect(look.plain.radius).toBe('6px')
    }
    expect(exportButtons).toEqual(clipButtons)
    expect(addButtons).toEqual(clipButtons)
    // The feed settings' row holds five buttons: they are a little narrower.
    expect(editButtons.plain.padding).toBe('6px 12px')
    expect(danger).not.toBe(plainText)
  })
})
