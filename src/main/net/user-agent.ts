import packageJson from '../../../package.json'

/** Broadsheet's version, from package.json (bundled in at build time). */
export const BROADSHEET_VERSION: string = String(packageJson.version)

/**
 * The User-Agent sent with every request: names Broadsheet, its version and where to read
 * about it, so a site owner who sees it in a log knows what fetched their page or feed.
 */
export const USER_AGENT = `Broadsheet/${BROADSHEET_VERSION} (+https://github.com/broadsheet)`
