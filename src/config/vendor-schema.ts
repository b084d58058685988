// The schema of one feeds/<vendor>.yaml file. The keys `vendor`, `lines.{open,proprietary}.{name,match}`
// and `sources[].{huggingface,github,feed,page,select}` are a contract other tools generate.
import { z } from 'zod';
import { isGithubTarget, isHubNamespace } from '../shared/ids.js';
import { regexProblem } from '../shared/safe-regex.js';

// Checked here, at load: a pattern RE2 cannot run and that could backtrack without end is a
// configuration error with file and path (shared/safe-regex.ts).
const regex = z.string().superRefine((s, ctx) => {
  const problem = regexProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** `15m`, `1h`, `30s`, `2d` or a number of seconds. */
export const duration = z.union(
  [
    z.number().int().positive(),
    z
      .string()
      .regex(/^\d+\s*(s|m|h|d)$/, 'expected a duration like 30s, 15m, 1h or 1d')
      .transform((s) => {
        const n = Number(s.slice(0, -1).trim());
        const unit = s.trim().slice(-1);
        return n * { s: 1, m: 60, h: 3600, d: 86400 }[unit as 's' | 'm' | 'h' | 'd'];
      }),
  ],
  { error: (iss) => `expected a duration like 30s, 15m, 1h or 1d, or a number of seconds (got ${JSON.stringify(iss.input)})` },
);

const line = z
  .object({
    name: z.string().min(1),
    match: z.array(regex).min(1),
    flagship: z.array(regex).optional(),
  })
  .strict();

const common = {
  id: z
    .string()
    .regex(/^[\w.:/@-]+$/, 'ids use letters, digits and . _ : / @ -')
    .optional(),
  interval: duration.optional(),
  include: z.array(regex).optional(),
  exclude: z.array(regex).optional(),
};

const httpUrl = z.url({ protocol: /^https?$/, message: 'invalid URL (http or https expected)' });

const hfSource = z
  .object({
    huggingface: z.string().refine(isHubNamespace, 'expected a Hugging Face author or org name'),
    reconcile_every: duration.optional(),
    ...common,
  })
  .strict();
const ghSource = z
  .object({
    github: z.string().refine(isGithubTarget, 'expected owner/repo or owner (GitHub names)'),
    prereleases: z.boolean().optional(),
    ...common,
  })
  .strict();
const feedSource = z.object({ feed: httpUrl, articles: z.boolean().optional(), ...common }).strict();
const pageSource = z
  .object({
    page: httpUrl,
    articles: z.boolean().optional(),
    select: z
      .object({ item: z.string().min(1), title: z.string().min(1), link: z.string().min(1), date: z.string().min(1).optional() })
      .strict(),
    ...common,
  })
  .strict();

/** The key that makes an entry a source of that kind, in the order of `sourceSchema`'s branches:
 *  the loader reports an entry's problems against the branch its key chose (`interval: 5 minutes`
 *  of a feed is a problem of `sources[0].interval`, not "expected one of …"). */
export const SOURCE_KIND_KEYS = ['huggingface', 'github', 'feed', 'page'] as const;

export const sourceSchema = z.union([hfSource, ghSource, feedSource, pageSource], {
  error: () => 'expected one of huggingface, github, feed or page (with select)',
});

const thresholds = z
  .object({
    recency_bands_days: z.array(z.number().int().positive()).min(1).optional(),
    streak: z.number().int().min(1).optional(),
    share_drop_points: z.number().positive().max(100).optional(),
    capability_lag_months: z.number().positive().optional(),
    capability_delta_points: z.number().positive().optional(),
    catch_up_tolerance: z.number().min(0).optional(),
    capability_window_months: z.number().int().min(1).max(240).optional(),
    hysteresis: z.number().int().min(1).optional(),
    cooldown_hours: z.number().min(0).optional(),
  })
  .strict();

const severity = z.enum(['info', 'notice', 'warning', 'critical']);

const alerts = z
  .object({
    channels: z.array(z.enum(['slack', 'email', 'webhook', 'console'])).optional(),
    mute: z.array(z.string()).optional(),
    snooze_until: z.iso.date().or(z.iso.datetime()).optional(),
    min_severity: severity.optional(),
    prereleases: z.boolean().optional(),
    include: z.array(regex).optional(),
    exclude: z.array(regex).optional(),
    kinds: z
      .record(
        z.string(),
        z
          .object({
            alert: z.boolean().optional(),
            channels: z.array(z.enum(['slack', 'email', 'webhook', 'console'])).optional(),
            min_severity: severity.optional(),
            snooze_until: z.iso.date().or(z.iso.datetime()).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const vendorFileSchema = z
  .object({
    vendor: z.string().min(1),
    lines: z.object({ open: line.optional(), proprietary: line.optional() }).strict(),
    sources: z.array(sourceSchema).default([]),
    thresholds: thresholds.optional(),
    alerts: alerts.optional(),
    announce: z
      .object({
        patterns: z.array(regex).optional(),
        tiers: z.array(z.string().min(1)).optional(),
        products: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    strategy: z.string().optional(),
    /** Follow Hub/GitHub links in posts to orgs and repos this file does not list (default true). */
    discover: z.boolean().optional(),
  })
  .strict();

export type VendorFile = z.infer<typeof vendorFileSchema>;
export type SourceEntry = z.infer<typeof sourceSchema>;

/** feeds/overrides.yaml: manual classification overrides, each with a reason. */
export const overridesFileSchema = z
  .object({
    overrides: z
      .array(
        z
          .object({
            model: z.string().min(1),
            level: z.enum(['0', '1', '2', '3a', '3b', '4', '5']),
            reason: z.string().min(3, 'every override needs a reason'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
