import { type Api, METHOD_NAMES } from '../../shared/contract'
import { BroadsheetError } from '../../shared/errors'
import type { Library } from '../library/open-library'
import { createRouter } from './router'

/**
 * The contract's typed client over an in-process router: what the CLI uses, so its inputs are
 * validated exactly like the UI's. A failed call throws a `BroadsheetError`.
 */
export function createLocalClient(lib: Library): Api {
  const dispatch = createRouter(lib)
  const api: Partial<Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const name of METHOD_NAMES) {
    api[name] = async (input: unknown) => {
      const result = await dispatch(name, input)
      if (result.ok) return result.value
      throw new BroadsheetError(result.error.code, result.error.message, result.error.current)
    }
  }
  return api as Api
}
