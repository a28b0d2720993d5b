import { type IpcMainEvent, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { DESKTOP_READY_CHANNEL } from '../../shared/desktop-events'
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

/**
 * Call `onReady` with the sending page's contents when the app's page says its bridge is
 * listening (see `DESKTOP_READY_CHANNEL`); messages from other frames are ignored.
 */
export function onPageReady(
  isAppUrl: (url: string) => boolean,
  onReady: (sender: IpcMainEvent['sender']) => void,
): void {
  ipcMain.on(DESKTOP_READY_CHANNEL, (event: IpcMainEvent) => {
    if (isAppUrl(event.senderFrame?.url ?? '')) onReady(event.sender)
  })
}
