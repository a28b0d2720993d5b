import { z } from 'zod'
import { DEFAULT_WORDS_PER_MINUTE } from './document'

/**
 * Settings kept in the library (so they travel with it). Each has a schema and a default;
 * unknown keys are refused.
 */
export const SETTINGS_SCHEMA = z.object({
  readingWordsPerMinute: z.number().int().min(50).max(2000).default(DEFAULT_WORDS_PER_MINUTE),
  theme: z.enum(['system', 'light', 'dark', 'sepia']).default('system'),
  fontFamily: z.string().max(200).default('serif'),
  fontSize: z.number().min(10).max(32).default(18),
  vimMode: z.boolean().default(false),
  /** Mark an article read when it is opened in the reader view. */
  markReadOnOpen: z.boolean().default(true),
  /** Line height of the reader view and preview (unitless, like CSS `line-height`). */
  lineHeight: z.number().min(1.2).max(2.4).default(1.65),
  /** Widest line of the reader view, in `rem`. */
  contentWidth: z.number().int().min(28).max(80).default(42),
  /** Whether the sidebar is shown. */
  sidebarVisible: z.boolean().default(true),
})

/** All settings, with defaults filled in. */
export type Settings = z.infer<typeof SETTINGS_SCHEMA>

/**
 * A change to some settings: every field optional, and no defaults filled in. (zod 4 applies
 * a field's default even inside `.partial()`, so a patch naming one setting would reset all
 * the others to their defaults.)
 */
export const SETTINGS_PATCH_SCHEMA = z
  .object(
    Object.fromEntries(
      Object.entries(SETTINGS_SCHEMA.shape).map(([key, field]) => [key, field.unwrap().optional()]),
    ),
  )
  .strict() as unknown as z.ZodType<Partial<Settings>>
