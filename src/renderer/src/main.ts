import { mount } from 'svelte'
import App from './App.svelte'
import { createHttpApi, subscribeChanges } from './http-api'
import { startLiveUpdates } from './shell/live-updates'
import { loadSettings } from './shell/settings-state.svelte'

// In the desktop app the preload has put the contract's client on window.api. In browser mode
// there is no preload: talk to the server that served this page, with the token from the URL
// (then take the token out of the address bar, so it is not bookmarked or shared by accident).
if (!window.api) {
  const url = new URL(window.location.href)
  const token = url.searchParams.get('token') ?? undefined
  window.api = createHttpApi('', token)
  if (token) {
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url)
  }
  // The server's event stream: the CLI or another window changed the library. The cookie set
  // with the page carries the token.
  startLiveUpdates((onChange) => subscribeChanges(onChange))
}

// The desktop shell's events (menu commands, library changes); only the desktop has them.
if (window.desktop) void import('./desktop-bridge')

// Settings (theme, fonts) load beside the first page of the list; until they arrive the page
// follows the system's light or dark.
void loadSettings()
mount(App, { target: document.getElementById('app')! })
