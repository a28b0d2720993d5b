// The preload exposes exactly one thing to the page: the contract's client. Every call goes to
// the main process over one IPC channel, where the router validates it.
import { contextBridge, ipcRenderer } from 'electron'
import type { Api, RpcResult } from '../shared/contract'
import { METHOD_NAMES } from '../shared/methods'

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

contextBridge.exposeInMainWorld('api', api as Api)
