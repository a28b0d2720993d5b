/**
 * The feeds service as every door uses it (contract handlers, CLI, scheduler): the defaults
 * of a user-facing refresh (images downloaded for offline reading) in one place.
 */
import type { FeedRefreshResult } from '../../shared/model'
import type { Library } from '../library/open-library'
import { downloadImagesStep } from './images'
import { type RefreshManyOptions, allFeedIds, refreshFeeds } from './refresh'
import { resolveFeedId } from './store'
import { type SubscribeOptions, type Subscription, subscribe } from './subscribe'

/** Options every user-facing feed fetch takes. */
export interface FeedFetchOptions {
  /** Download images into the library's assets (default true). */
  images?: boolean
}

function step(lib: Library, options: FeedFetchOptions) {
  return options.images === false ? undefined : downloadImagesStep(lib)
}

/** Follow a feed (or the feed a site announces) and import its items. */
export function addFeed(
  lib: Library,
  url: string,
  options: SubscribeOptions & FeedFetchOptions = {},
): Promise<Subscription> {
  return subscribe(lib, url, { step: step(lib, options), ...options })
}

/** Refresh one feed (by id or URL) or, with `id` absent, every feed. */
export function refresh(
  lib: Library,
  id: string | null,
  options: RefreshManyOptions & FeedFetchOptions = {},
): Promise<FeedRefreshResult[]> {
  const ids = id === null ? allFeedIds(lib) : [resolveFeedId(lib, id)]
  return refreshFeeds(lib, ids, { step: step(lib, options), ...options })
}
