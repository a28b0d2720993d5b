import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Dispatch } from '../rpc/router'

/**
 * Serve the contract over IPC. Only frames loaded from the app's own origin may call; anything
 * else (a navigated-away frame, an injected iframe) is refused.
 */
export function serveContractOverIpc(dispatch: Dispatch, isAppUrl: (url: string) => boolean): void {
  ipcMain.handle('rpc', (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const url = event.senderFrame?.url ?? ''
    if (!isAppUrl(url)) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: 'Calls are only accepted from the app window.' },
      }
    }
    return dispatch(String(method), input)
  })
}
