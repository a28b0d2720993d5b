import { mount } from 'svelte'
import App from './App.svelte'
import { createHttpApi } from './http-api'

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
}

mount(App, { target: document.getElementById('app')! })
