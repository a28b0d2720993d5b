// The preload exposes two things to the page: the contract's client (`window.api`), and a
// subscription to the shell's few events (`window.desktop`). Every call goes to the main
// process over one IPC channel, where the router validates it; every event is checked here
// before the page sees it, and the page never gets Electron's event object or ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { Api, RpcResult } from '../shared/contract'
import { METHOD_NAMES } from '../shared/methods'
import {
  DESKTOP_EVENT_CHANNEL,
  DESKTOP_READY_CHANNEL,
  type DesktopBridge,
  type DesktopEvent,
  parseDesktopEvent,
} from '../shared/desktop-events'

const api: Partial<Record<string, (input: unknown) => Promise<unknown>>> = {}
for (const name of METHOD_NAMES) {
  api[name] = async (input: unknown) => {
    const result = (await ipcRenderer.invoke('rpc', name, input)) as RpcResult
    if (result.ok) return result.value
    const error = new Error(result.error.message) as Error & { code?: string; current?: unknown }
    error.code = result.error.code
    error.current = result.error.current
    throw error
  }
}

const desktop: DesktopBridge = {
  onEvent(listener: (event: DesktopEvent) => void) {
    if (typeof listener !== 'function') return () => {}
    const handler = (_event: IpcRendererEvent, value: unknown): void => {
      const event = parseDesktopEvent(value)
      if (event) listener(event)
    }
    ipcRenderer.on(DESKTOP_EVENT_CHANNEL, handler)
    ipcRenderer.send(DESKTOP_READY_CHANNEL)
    return () => {
      ipcRenderer.removeListener(DESKTOP_EVENT_CHANNEL, handler)
    }
  },
}

contextBridge.exposeInMainWorld('api', api as Api)
contextBridge.exposeInMainWorld('desktop', desktop)
