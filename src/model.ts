// The domain types of modelwatch (see docs/domain.md). This file imports nothing:
// every layer (collectors, classify, gap, store, notify, jobs) speaks these types.

/** Openness levels, ordinal: 0 < 1 < 2 < 3a < 3b < 4 < 5. */
export type Level = '0' | '1' | '2' | '3a' | '3b' | '4' | '5';
export const LEVELS: readonly Level[] = ['0', '1', '2', '3a', '3b', '4', '5'];
/** Numeric rank of a level, for comparisons and M6 (licence drift in levels). */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}
/** "Open" in the gap metrics: weights downloadable by the public (3a or higher). */
export function isOpenLevel(level: Level): boolean {
  return levelRank(level) >= levelRank('3a');
}

export type LineKind = 'open' | 'proprietary';
export type SourceKind = 'huggingface' | 'github' | 'feed' | 'page';
export type Gating = false | 'auto' | 'manual';

// ---------------------------------------------------------------------------
// Configuration (validated from feeds/*.yaml by src/config/)

export interface LineConfig {
  name: string;
  /** Case-insensitive regular expressions searched in model names and repo ids. */
  match: string[];
  /** Optional flagship patterns: M1 uses only flagships when configured. */
  flagship?: string[];
}

export interface PageSelectors {
  item: string;
  title: string;
  link: string;
  date?: string;
}

export interface SourceConfig {
  /** Stable id, unique across all vendors: defaults to `<vendor>:<kind>:<target>`. */
  id: string;
  vendorId: string;
  kind: SourceKind;
  /** HF author, GitHub `owner/repo` or `owner`, or the feed/page URL. */
  target: string;
  /** Poll interval in seconds (defaults per kind in config). */
  intervalSec: number;
  /** Page selectors (kind `page` only). */
  select?: PageSelectors;
  /** Skip GitHub pre-releases (kind `github`). */
  skipPrereleases?: boolean;
  /** Only titles/names matching one of these regexes produce events (optional filter). */
  include?: string[];
  /** Titles/names matching one of these regexes are ignored (optional filter). */
  exclude?: string[];
  /** HF: days between full reconciliations of an author too large for one page. */
  reconcileEveryHours?: number;
  /** Feed/page: read a post's article page when its item has no usable lead (collectors/article.ts). */
  articles?: boolean;
}

export interface GapThresholds {
  /** M1 bands in days: crossing a band upward widens the gap. */
  recencyBandsDays: number[];
  /** M2: proprietary releases since the last open one that count as widening. */
  streak: number;
  /** M3: drop in open share (percentage points) that counts as widening. */
  shareDropPoints: number;
  /** M4 tolerance in months and M5 tolerance in benchmark points. */
  capabilityLagMonths: number;
  capabilityDeltaPoints: number;
  /** M4 noise tolerance, in units of each benchmark's noise (1 = one point on a 0-100 scale; docs/capability.md). */
  catchUpTolerance: number;
  /** M4/M5 averaging window, in months before asOf (default 24). */
  capabilityWindowMonths?: number;
  /** Widening must hold this many consecutive evaluations before alerting. */
  hysteresis: number;
  /** One alert per vendor and reason per cooldown. */
  cooldownHours: number;
}

export interface AlertRouting {
  /** Channels for this vendor (default: all configured channels). */
  channels?: string[];
  /** Event kinds muted for this vendor (names of src/events/catalogue.ts; notify/rules.ts reads them). */
  mute?: string[];
  /** No alerts for this vendor before this date (ISO). */
  snoozeUntil?: string;
  minSeverity?: Severity;
  /** Alert GitHub pre-releases too (default false). */
  prereleases?: boolean;
  /** Name filters (case-insensitive regexes) on the model, release or post. */
  include?: string[];
  exclude?: string[];
  /** Per event kind: force on/off, channels, minimum severity, snooze. */
  kinds?: Record<string, { alert?: boolean; channels?: string[]; minSeverity?: Severity; snoozeUntil?: string }>;
}

export interface VendorConfig {
  /** The file name without extension: `meta` for feeds/meta.yaml. */
  id: string;
  name: string;
  lines: { open?: LineConfig; proprietary?: LineConfig };
  sources: SourceConfig[];
  thresholds: GapThresholds;
  alerts: AlertRouting;
  /**
   * Announcement rules (see classify/announce.ts): `patterns` replace the launch reader with
   * title regexes; `tiers` and `products` add to its grammar (classify/launch-grammar.ts).
   */
  announce?: { patterns?: string[]; tiers?: string[]; products?: string[] };
  /** Stated strategy for the digest's strategy table, when the data cannot say it. */
  strategy?: string;
  /** Follow Hub/GitHub links found in posts to sources the file does not list (default true). */
  discover?: boolean;
}

// ---------------------------------------------------------------------------
// Observations: what one poll of one source saw, normalised. Collectors return these;
// raw API objects never leave a collector.

export interface LicenseRef {
  /** HF licence id (`apache-2.0`, `llama3.1`, `other`) or SPDX id from GitHub. */
  id: string | null;
  name?: string | null;
  link?: string | null;
}

/** One model repository's state (Hugging Face). */
export interface ModelObservation {
  type: 'model';
  /** Stable key within the source, e.g. `hf:meta-llama/Llama-3.1-8B` — uses the repo id. */
  key: string;
  /** HF `_id`: survives a rename. */
  hubId?: string;
  repoId: string;
  url: string;
  createdAt?: string | null;
  lastModified?: string | null;
  sha?: string | null;
  license: LicenseRef;
  /** sha256 of the licence text, when it was fetched. */
  licenseTextHash?: string | null;
  licenseText?: string | null;
  gated: Gating;
  private: boolean;
  disabled: boolean;
  /** Weight files present in the repo (safetensors, bin, gguf, ...). */
  weightFiles: string[];
  parameters?: number | null;
  tags: string[];
  pipelineTag?: string | null;
  baseModel?: string[] | null;
  /** model-index results from the card. */
  scores?: ScoreInput[];
}

/** A model that disappeared from a complete listing and was checked. */
export interface ModelGoneObservation {
  type: 'model-gone';
  key: string;
  repoId: string;
  url: string;
  reason: 'withdrawn' | 'private' | 'disabled' | 'renamed';
  /** The new repo id when renamed. */
  renamedTo?: string;
  status: number;
  /** The Hub's `X-Error-Code` (`RepoNotFound`, ...) when the check answered with one. */
  errorCode?: string | null;
}

export interface ReleaseObservation {
  type: 'release';
  /** `gh:owner/repo:release:<id>` */
  key: string;
  repo: string;
  tag: string;
  name: string | null;
  prerelease: boolean;
  draft: boolean;
  publishedAt: string | null;
  url: string;
  /** sha256 of name + body: an edit changes it. */
  contentHash: string;
  body?: string | null;
}

export interface RepoLicenseObservation {
  type: 'repo-license';
  /** `gh:owner/repo:license` */
  key: string;
  repo: string;
  spdxId: string | null;
  /** The LICENSE blob sha (GitHub) — a change means a text change. */
  blobSha: string | null;
  licenseTextHash?: string | null;
  licenseText?: string | null;
  url: string;
}

/** A repository of a watched GitHub org whose name matches the vendor's line patterns. */
export interface RepoObservation {
  type: 'repo';
  key: string;
  repo: string;
  url: string;
  createdAt: string | null;
  description: string | null;
}

/** A feed entry or a page item. */
export interface PostObservation {
  type: 'post';
  /** guid/id, else link, else hash of title + date. */
  key: string;
  title: string;
  link: string | null;
  publishedAt: string | null;
  summary: string | null;
  /** sha256 of title + summary/content: a change is an edit. */
  contentHash: string;
  /**
   * The opening paragraphs of the post's own page, read when the feed item said too little
   * (collectors/article.ts); not part of contentHash. Absent: not read.
   */
  articleLead?: string | null;
  /** Every href of the post's page (absolute), for following Hub/GitHub links. Absent: not read. */
  links?: string[];
  /** When the last edits were seen (at most OSCILLATION_EDITS, within OSCILLATION_WINDOW_SEC):
   *  kept in the stored state to recognise a post whose text changes on every fetch. */
  edits?: string[];
}

export type Observation =
  | ModelObservation
  | ModelGoneObservation
  | ReleaseObservation
  | RepoLicenseObservation
  | RepoObservation
  | PostObservation;

/** What a source observed before, as stored in `items` (by item key): the collectors read it
 *  for high-water marks and reconciliation, the diffs compare against it. */
export interface KnownItem {
  type: Observation['type'];
  state: Observation;
  goneAt: string | null;
}

/** The state kept in `items`: the observation without the licence text (stored once, by hash). */
export function storedModelState(obs: ModelObservation): ModelObservation {
  const { licenseText: _text, ...rest } = obs;
  return rest;
}

/** What a model's name says about the launch it belongs to (classify/release-identity.ts). */
export interface ReleaseIdentity {
  /** `<vendor>:<identity tokens joined by space>`, lower case: the grouping key. */
  key: string;
  /** Display name: the identity tokens as written in the first name seen ("Llama 3.1"). */
  name: string;
  /** The words before the version ("llama", "muse glimmer"); the whole name when no version. */
  family: string;
  /** The version tokens ("3.1", "4", "2410"), null when the name has none. */
  version: string | null;
  /** A guard, embedder, reward model...: never a flagship, left out of the gap metrics. */
  auxiliary: boolean;
  /** The name carried a quantisation/format token: a re-upload joins an earlier release. */
  formatVariant: boolean;
}

/** A dated release from a release list (the shipped seed or `import releases`; seed/releases.ts
 *  reads the lists, store/seed.ts writes the rows). */
export interface SeedRelease {
  /** Model id: a Hub repo id where the list gives one, else `<vendor>/<slug of the name>`. */
  id: string;
  vendor: string;
  name: string;
  /** YYYY-MM-DD */
  date: string;
  level: Level;
  line: LineKind;
  license: string | null;
  /** The access label as the list gave it (evidence). */
  access: string;
  sourceUrl: string | null;
}

// ---------------------------------------------------------------------------
// Events: what an event is (its kinds, payloads and types) lives in src/events; these two are
// shared with the classification.

export type Severity = 'info' | 'notice' | 'warning' | 'critical';

export interface Evidence {
  /** What was observed: `license`, `gating`, `weights`, `license_text_hash`, `api`, ... */
  signal: string;
  value: string | number | boolean | null;
  sourceUrl: string | null;
  seenAt: string;
}

// ---------------------------------------------------------------------------
// Classification

export interface Classification {
  modelId: string;
  level: Level | null; // null = unknown: excluded from metrics, reported to the operator
  rulesVersion: string;
  /** The rule that decided, in words: "licence apache-2.0 is OSI-approved and weights are public". */
  decidedBy: string;
  evidence: Evidence[];
  conflicts: string[];
  override: { level: Level; reason: string } | null;
}

export interface ScoreInput {
  modelId?: string;
  benchmark: string;
  score: number;
  date: string | null;
  sourceUrl: string | null;
  sourceKind: 'csv' | 'model-index' | 'announcement';
  /** Standard error published with the score, in the score's unit (Epoch's runs publish one). */
  stderr?: number | null;
}

// ---------------------------------------------------------------------------
// Alerts

export type AlertStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

// ---------------------------------------------------------------------------
// Weight files: the one list of what counts as a model weight file in a repository (the
// collector stores them, the classifier reads them; issue #10). The union of the formats both
// used to list: PyTorch (.bin, .pt, .pth, .ckpt), safetensors, GGUF/GGML, TensorFlow (.h5,
// .tflite), Flax (.msgpack), ONNX, Core ML (.mlmodel), NeMo, NumPy (.npz), rust-bert (.ot),
// MLX, and Meta's `consolidated.*` shards.

const WEIGHT_FILE = /\.(safetensors|bin|gguf|ggml|pt|pth|ckpt|h5|msgpack|onnx|tflite|mlmodel|nemo|npz|ot|mlx)$|(^|\/)consolidated\.[^/]+$/i;
/** Trainer state saved next to checkpoints is not model weights. */
const NOT_WEIGHTS = /(^|\/)(training_args|optimizer|scheduler|rng_state|scaler)[^/]*$/i;

/** Whether a repo file path (HF `siblings[].rfilename`) is a model weight file. */
export function isWeightFile(path: string): boolean {
  return WEIGHT_FILE.test(path) && !NOT_WEIGHTS.test(path);
}
