// Zod schemas for the Hugging Face Hub JSON the collector reads (external-apis.md §1.2, §1.3).
// A list item requested with `expand=` has the same field names as the full `/api/models/{id}`
// body, restricted to the expanded keys plus `_id` and `id`. Only the fields we use are
// declared; unknown keys are dropped. Fields the Hub omits on some repos are optional.
import { z } from 'zod';

const gated = z.union([z.literal(false), z.enum(['auto', 'manual'])], { error: 'expected false, "auto" or "manual"' });

const stringOrList = z.union([z.string(), z.array(z.string())], { error: 'expected a string or a list of strings' });

export const hfCardDataSchema = z
  .object({
    license: stringOrList.nullish(),
    license_name: z.string().nullish(),
    license_link: z.string().nullish(),
    base_model: stringOrList.nullish(),
    // Evaluation results as published in the card; validated where it is read (classify/scores.ts).
    'model-index': z.unknown().optional(),
  })
  .nullish();

export const hfSiblingSchema = z.object({
  rfilename: z.string(),
  blobId: z.string().optional(),
  size: z.number().optional(),
});

export const hfModelSchema = z.object({
  _id: z.string().min(1),
  id: z.string().min(1),
  author: z.string().optional(),
  sha: z.string().nullish(),
  createdAt: z.string().nullish(),
  lastModified: z.string().nullish(),
  private: z.boolean().default(false),
  disabled: z.boolean().default(false),
  gated: gated.default(false),
  tags: z.array(z.string()).default([]),
  pipeline_tag: z.string().nullish(),
  library_name: z.string().nullish(),
  cardData: hfCardDataSchema,
  siblings: z.array(hfSiblingSchema).nullish(),
  safetensors: z.object({ total: z.number().nullish() }).nullish(),
  downloads: z.number().nullish(),
  likes: z.number().nullish(),
});

export type HfModel = z.output<typeof hfModelSchema>;

export const hfModelListSchema = z.array(hfModelSchema);

/** The part of a model-info body a reconciliation check needs (the `_id` survives renames). */
export const hfModelIdentitySchema = z.object({ _id: z.string().min(1), id: z.string().min(1) });
