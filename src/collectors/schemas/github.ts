// Zod schemas for the GitHub REST JSON the collector reads (external-apis.md §2.2; shapes from
// github/docs `src/rest/data/fpt-2022-11-28/{releases,licenses,repos}.json`). Only used fields.
import { z } from 'zod';

export const ghReleaseSchema = z.object({
  id: z.number(),
  tag_name: z.string(),
  name: z.string().nullable(),
  body: z.string().nullish(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  created_at: z.string().nullish(),
  published_at: z.string().nullable(),
  html_url: z.string(),
});
export type GhRelease = z.output<typeof ghReleaseSchema>;
export const ghReleaseListSchema = z.array(ghReleaseSchema);

export const ghLicenseContentSchema = z.object({
  sha: z.string().min(1),
  path: z.string().optional(),
  html_url: z.string().nullish(),
  content: z.string().optional(),
  encoding: z.string().optional(),
  license: z
    .object({
      key: z.string(),
      spdx_id: z.string().nullable(),
      name: z.string().optional(),
    })
    .nullable(),
});
export type GhLicenseContent = z.output<typeof ghLicenseContentSchema>;

export const ghOrgRepoSchema = z.object({
  name: z.string(),
  full_name: z.string(),
  html_url: z.string(),
  description: z.string().nullable(),
  created_at: z.string().nullish(),
  fork: z.boolean().optional(),
});
export const ghOrgRepoListSchema = z.array(ghOrgRepoSchema);
