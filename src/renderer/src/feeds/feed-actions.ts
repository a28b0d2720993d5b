/** What a feed's settings dialog asks of the Feeds section. */
export interface FeedActions {
  save: (patch: {
    title: string | null
    folder: string[]
    intervalMinutes: number
    fullText: boolean
  }) => Promise<void>
  refresh: () => Promise<void>
  markRead: () => Promise<void>
  remove: (trashArticles: boolean) => Promise<void>
}
