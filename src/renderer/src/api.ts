import type { Api } from '../../shared/contract'

declare global {
  interface Window {
    /** The contract's client, put there by the preload (desktop) or the browser-mode bootstrap. */
    api: Api
  }
}

/** The typed client of the contract: the only way the UI reaches the library. */
export const api = (): Api => window.api
