// The release grouping rule (docs/domain.md "release"): which launch an artefact belongs to, from its
// name alone, and whether an artefact joins a release of its key (the time window). Pure: the
// release job (jobs/releases.ts) applies both when it links a model (store/releases.ts `attachModel`).
//
// A release key is the vendor plus the name's *identity tokens*: the family words, the version
// and the words that make a different model (Pro, Mini, Flash, VL, Thinking, Guard, a Mistral
// date `2410`). Tokens that only tell one artefact of the same launch from another are dropped:
//   - sizes and shapes: `8B`, `1.5B`, `270m`, `A22B` (active), `E4B` (effective), `8x7B`, `128E`,
//     context lengths `4k`/`128k`;
//   - tuning: `Instruct`, `it`, `Base`, `pt`, `Chat`, `hf`;
//   - the vendor's own quantisations and formats: `FP8`, `AWQ`, `GPTQ`, `GGUF`, `NVFP4`, `MLX`,
//     `INT8`, `qat`, `q4_0`, `bf16`, ...
//   - a leading vendor prefix (`Meta-Llama-3.1-8B` is `Llama 3.1`, as the Hub later renamed it).
// Glued family+version tokens are split (`Qwen3` → `qwen 3`, `paligemma2` → `paligemma 2`) so a
// post's "Qwen 3" meets the repo's `Qwen3`. Examples, checked in test/classify/release-identity.test.ts
// on real Hub ids: `google/gemma-4-31B-it` and `google/gemma-4-E2B-it` → Gemma 4;
// `Qwen/Qwen3-235B-A22B-FP8` → Qwen 3 (same as `Qwen3-8B`); `mistralai/Ministral-8B-Instruct-2410`
// → Ministral 2410; `meta-llama/Llama-Guard-3-8B` → Llama Guard 3, an *auxiliary* release.
//
// Auxiliary models (guards, safety classifiers, embedders, reward models, tokenizers) are their
// own releases, flagged so that the metrics never take them for a launch of the line.
import type { ReleaseIdentity } from '../model.js';

const SIZE = [
  /^\d+(\.\d+)?[bmkt]$/i, // 8b, 1.5B, 270m, 128k
  /^a\d+(\.\d+)?b$/i, // A22B (active parameters)
  /^e\d+(\.\d+)?b$/i, // E4B (effective parameters)
  /^\d+x\d+(\.\d+)?b$/i, // 8x7B
  /^\d+e$/i, // 128E (experts)
  /^\d+(\.\d+)?b\d+$/i, // 1b1 (rare shapes)
];
const TUNING = new Set(['instruct', 'it', 'base', 'pt', 'chat', 'hf', 'sft', 'ft', 'original']);
const FORMAT = [
  /^(fp|bf|int|nvfp|mxfp|uint)\d+$/i,
  /^(awq|gptq|gguf|ggml|mlx|onnx|exl2|bnb|qat|quantized|quant|dynamic|eagle\d*)$/i,
  /^\d+bit$/i,
  /^q\d(_[a-z0-9]+)*$/i, // q4_0, q4_k_m, q8_0
  /^w\d+a\d+$/i, // w4a16
];
const AUXILIARY = /^(guard|llamaguard|safeguard|shield|shieldgemma|embed|embedding|embeddings|reward|rm|tokenizer|classifier|moderation)$/i;

function isVariantToken(t: string): boolean {
  return SIZE.some((r) => r.test(t)) || TUNING.has(t.toLowerCase());
}
function isFormatToken(t: string): boolean {
  return FORMAT.some((r) => r.test(t));
}

/** `Qwen3` → [`Qwen`, `3`]; `paligemma2` → [`paligemma`, `2`]; short prefixes stay (`t5gemma`, `vl2`, `K2`). */
function splitGlued(t: string): string[] {
  const m = /^([A-Za-z]{3,})(\d+(?:\.\d+)*[a-z]?)$/.exec(t);
  return m ? [m[1]!, m[2]!] : [t];
}

function hasDigit(t: string): boolean {
  return /\d/.test(t);
}

/** The release identity of an artefact or announced model name, for one vendor. */
export function releaseIdentity(vendor: { id: string; name?: string }, nameOrId: string): ReleaseIdentity {
  const own = nameOrId.slice(nameOrId.lastIndexOf('/') + 1);
  let tokens = own
    .split(/[\s\-/:]+/)
    .flatMap((t) => (isFormatToken(t) ? [t] : t.split('_')))
    .filter(Boolean)
    .flatMap((t) => (isFormatToken(t) ? [t] : splitGlued(t)));
  const prefixes = new Set([vendor.id.toLowerCase(), (vendor.name ?? '').toLowerCase()].filter(Boolean));
  if (tokens.length > 1 && prefixes.has(tokens[0]!.toLowerCase())) tokens = tokens.slice(1);
  const formatVariant = tokens.some(isFormatToken);
  let kept = tokens.filter((t) => !isVariantToken(t) && !isFormatToken(t));
  if (kept.length === 0) kept = tokens.slice(0, 1);
  const firstVersion = kept.findIndex(hasDigit);
  const familyTokens = firstVersion > 0 ? kept.slice(0, firstVersion) : firstVersion === 0 ? kept.slice(0, 1) : kept;
  const versionTokens = firstVersion >= 0 ? kept.slice(firstVersion).filter(hasDigit) : [];
  const lower = kept.map((t) => t.toLowerCase());
  return {
    key: `${vendor.id}:${lower.join(' ')}`,
    name: kept.join(' '),
    family: familyTokens.join(' ').toLowerCase(),
    version: versionTokens.length ? versionTokens.join(' ').toLowerCase() : null,
    auxiliary: lower.some((t) => AUXILIARY.test(t)) || lower.join(' ').includes('prompt guard'),
    formatVariant,
  };
}

/** Days within which artefacts of the same key are one launch; a later one is a new release
 *  (Gemma 3 270M, August 2025, after Gemma 3 in March) — unless it is a format re-upload. */
export const RELEASE_WINDOW_DAYS = 60;

/**
 * Whether an artefact dated `at` joins a release of the same key first released at `releasedAt`.
 * Undated artefacts and format re-uploads (the vendor's own FP8/GGUF of an old model) join.
 */
export function joinsRelease(releasedAt: string | null, at: string | null, formatVariant: boolean): boolean {
  if (formatVariant || !releasedAt || !at) return true;
  const days = Math.abs(Date.parse(at) - Date.parse(releasedAt)) / 86_400_000;
  return days <= RELEASE_WINDOW_DAYS;
}
