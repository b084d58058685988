// What each event kind carries in `data`: one payload type per kind, written by the diffs and jobs
// that emit the event and read by everyone else (src/events/describe.ts). This is the stored JSON
// shape and the `data` field of `events --json`: a field renamed here is a broken contract.
//
// Events read back from the store may come from older versions: readers still check a field's
// runtime type before using it (describe.ts), but they read only the fields named here.
import type { Gating, Level, LicenseRef, LineKind } from '../model.js';

/** The fields every post-backed event shares (`post.new`, `post.edited`, `announcement`). */
export interface PostData {
  key: string;
  title: string;
  link: string | null;
  publishedAt: string | null;
  /** Every href of the post's page, when it was read. */
  links?: string[];
}

/** A GitHub release as its events describe it. */
export interface ReleaseData {
  repo: string;
  tag: string;
  name: string | null;
  prerelease: boolean;
  url: string;
}

/** A release (one launch, its artefacts merged) as the release jobs describe it. */
export interface LaunchData {
  release: string;
  releaseId: number;
  name: string;
  family: string | null;
  side: 'open' | 'proprietary' | 'pending';
  level: Level | null;
  license: string | null;
}

/** Gap events: the metric (`M1`–`M6`), the reason code, and that metric's figures (src/gap owns them). */
export interface GapData {
  metric: string;
  reason: string;
  [figure: string]: unknown;
}

export interface EventData {
  'model.new': {
    repoId: string;
    hubId: string | null;
    license: string | null;
    gated: Gating;
    weightFiles: number;
    parameters: number | null;
  };
  'model.weights_published': { files: string[]; count: number };
  'model.weights_removed': { files: string[]; count: number; before: number };
  'model.license_changed': { from: LicenseRef; to: LicenseRef; fromTextHash: string | null; toTextHash: string | null };
  'model.license_text_changed': { license: string | null; from: string; to: string };
  'model.gating_changed': { from: Gating; to: Gating };
  'model.withdrawn': { status: number; errorCode: string | null; lastSha: string | null };
  'model.renamed': { from: string; to: string; status: number; hubId: string | null };
  'model.visibility_changed':
    | { from: 'gone'; to: 'listed' }
    | { flag: 'private' | 'disabled'; from: boolean; to: boolean }
    | { to: 'private' | 'disabled' | 'renamed' | 'withdrawn'; status: number; errorCode: string | null };
  'model.reclassified': { from: Level | null; to: Level | null; decidedBy: string; rulesVersion: string; conflicts: string[] };
  'release.published': ReleaseData & { promoted?: true };
  'release.edited': ReleaseData & { fromHash: string; toHash: string; fromName: string | null };
  'release.surprise': LaunchData & { expectedSide: LineKind | null };
  'release.new': LaunchData & { line: LineKind | null; models: string[]; events: number[] };
  'repo.new': { repo: string; description: string | null; url: string };
  'repo.license_changed': { repo: string; from: string | null; to: string | null; fromSha: string | null; toSha: string | null };
  'repo.license_text_changed': {
    repo: string;
    license: string | null;
    fromSha: string;
    toSha: string;
    fromTextHash: string | null;
    toTextHash: string | null;
  };
  'post.new': PostData;
  'post.edited': PostData & { from: { title: string; contentHash: string }; to: { title: string; contentHash: string } };
  announcement: PostData & {
    modelId: string;
    name: string;
    line: LineKind;
    access: 'hosted' | 'api' | 'announced' | null;
    matchedIn: 'title' | 'lead';
    pattern: string;
    announcement: 'launch' | 'availability';
    place?: string;
    openWeights?: { license: string | null; statement: string };
  };
  /** A benchmark score stated for a model (no current emitter; older stores and the benchmark hold them). */
  'score.reported': { benchmark: string; score: number };
  'gap.widened': GapData;
  'gap.narrowed': GapData;
  'source.failing': { since: string; error: string; target: string };
  'source.recovered': { since: string | null };
  'source.flood': { total: number; shown: number; held: number; target: string };
  'source.discovered': {
    kind: 'huggingface' | 'github' | 'feed' | 'page';
    target: string;
    discoveredFrom: string | null;
    title: string;
    name: string;
  };
  'deadline.reached': {
    deadlineId: number;
    subject: string;
    date: string;
    note: string | null;
    setAt: string;
    changes: { kind: string; summary: string; at: string }[];
  };
}
