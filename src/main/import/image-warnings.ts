/** Warnings for image links that are left as they are, shared by both import threads. */

/** An image link whose file lies outside the imported folder. */
export const outsideImageWarning = (raw: string): string =>
  `image "${raw}" is outside the imported folder; its link was left as it is`

/** An image link whose file does not exist. */
export const missingImageWarning = (raw: string): string =>
  `image "${raw}" was not found; its link was left as it is`
