/// <reference types="vite/client" />
/**
 * Parts of the window written alongside the shell (the article pane, the Feeds section,
 * dialogs). Each is mounted when its file exists: `import.meta.glob` finds nothing, instead of
 * failing the build, while a part is not written yet. None takes props. They are loaded after
 * the list (the editor and renderer are most of the code), so the list paints first.
 */
import type { Component } from 'svelte'

/** Loads a part's component. */
export type PartLoader = () => Promise<Component>

const found = import.meta.glob<Component>(
  [
    '../article/ArticlePane.svelte',
    '../feeds/FeedsSection.svelte',
    '../export/ExportDialog.svelte',
    '../clip/SaveFromUrlDialog.svelte',
  ],
  { import: 'default' },
)

/** The open article (Read/Split/Edit), or undefined while it is not written. */
export const loadArticlePane: PartLoader | undefined = found['../article/ArticlePane.svelte']
/** The sidebar's Feeds section, or undefined. */
export const loadFeedsSection: PartLoader | undefined = found['../feeds/FeedsSection.svelte']
/** Dialogs mounted once; each shows itself when its command runs. */
export const dialogLoaders: PartLoader[] = [
  found['../export/ExportDialog.svelte'],
  found['../clip/SaveFromUrlDialog.svelte'],
].filter((c): c is PartLoader => c !== undefined)
