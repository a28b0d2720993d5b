/**
 * Feed dates as found in the wild: RFC 822 (`Tue, 10 Jun 2003 04:00:00 GMT`) with odd zones,
 * missing seconds or a localised day name; ISO 8601 / RFC 3339 with or without a zone. A date
 * that cannot be read gives `null`, never an exception.
 */

/** Zone names Date.parse does not know, as offsets. */
const ZONES: Record<string, string> = {
  UT: '+0000',
  UTC: '+0000',
  GMT: '+0000',
  Z: '+0000',
  EST: '-0500',
  EDT: '-0400',
  CST: '-0600',
  CDT: '-0500',
  MST: '-0700',
  MDT: '-0600',
  PST: '-0800',
  PDT: '-0700',
  AKST: '-0900',
  AKDT: '-0800',
  HST: '-1000',
  BST: '+0100',
  IST: '+0530',
  CET: '+0100',
  CEST: '+0200',
  MET: '+0100',
  MEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  MSK: '+0300',
  JST: '+0900',
  KST: '+0900',
  AEST: '+1000',
  AEDT: '+1100',
  NZST: '+1200',
  NZDT: '+1300',
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** Years outside this range are typos or placeholders (0001-01-01), not dates. */
const MIN_YEAR = 1900
const MAX_YEAR = 2200

/** An ISO 8601 instant for a feed's date text, or `null` when it cannot be read. */
export function parseFeedDate(text: string | null | undefined): string | null {
  if (!text) return null
  const s = text.trim()
  if (!s || s.length > 100) return null
  const ms = parseIso(s) ?? parseRfc822(s) ?? fallback(s)
  if (ms === null || !Number.isFinite(ms)) return null
  const year = new Date(ms).getUTCFullYear()
  if (year < MIN_YEAR || year > MAX_YEAR) return null
  return new Date(ms).toISOString()
}

function parseIso(s: string): number | null {
  const m =
    /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(
      s,
    )
  if (!m) return null
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '0', zone] = m
  let offset = 0
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = zone.replace(':', '')
    const sign = z[0] === '-' ? -1 : 1
    offset = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5) || '0'))
  }
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(sec),
    Math.round(Number(`0.${frac}`) * 1000),
  )
  // Date.UTC reads years below 100 as 19xx, so placeholders like 0001 are refused here.
  if (
    Number(y) < MIN_YEAR ||
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > 31
  ) {
    return null
  }
  return ms - offset * 60_000
}

function parseRfc822(s: string): number | null {
  // Day names (in any language) and commas carry nothing the date needs.
  const cleaned = s.replace(/^[^\d,]*,\s*/, '').replace(/\s+/g, ' ')
  const m =
    /^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{2,4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?(?: ?([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?/.exec(
      cleaned,
    )
  if (!m) return null
  const [, d, mon, yRaw, h = '0', mi = '0', sec = '0', zoneRaw] = m
  const month = MONTHS.indexOf(mon!.toLowerCase())
  if (month < 0) return null
  let year = Number(yRaw)
  if (yRaw!.length === 2) year += year < 50 ? 2000 : 1900
  let offset = 0
  if (zoneRaw) {
    const zone = /^[+-]/.test(zoneRaw) ? zoneRaw.replace(':', '') : ZONES[zoneRaw.toUpperCase()]
    if (zone) {
      const sign = zone[0] === '-' ? -1 : 1
      offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)))
    }
  }
  if (Number(d) < 1 || Number(d) > 31 || Number(h) > 24 || Number(mi) > 59 || Number(sec) > 60) {
    return null
  }
  return Date.UTC(year, month, Number(d), Number(h), Number(mi), Number(sec)) - offset * 60_000
}

/** Whatever else Date.parse reads, if the year it finds is one written in the text (V8 guesses wildly). */
function fallback(s: string): number | null {
  const ms = Date.parse(s)
  if (Number.isNaN(ms)) return null
  const years: string[] = s.match(/\b\d{4}\b/g) ?? []
  return years.includes(String(new Date(ms).getFullYear())) ? ms : null
}
