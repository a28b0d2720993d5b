import { mount } from 'svelte'
import App from './App.svelte'
// The desktop shell's events (menu commands, library changes); does nothing in a browser.
import './desktop-bridge'
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

// Settings first (theme, fonts), so the first paint is already in the reader's colours.
void loadSettings().finally(() => mount(App, { target: document.getElementById('app')! }))
