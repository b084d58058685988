// The openness classifier (docs/domain.md "Openness levels" and rules 1-5). Pure: evidence in,
// Classification out; the licence knowledge base is passed in, nothing is read here.
//
// Decision, in order:
//   1. A manual override decides, shown as such; the rules' own verdict stays in `decidedBy`.
//   2. Public weight files (repo public, not disabled or withdrawn, at least one weight file):
//      the licence decides between 3a, 3b and 4 (rule 1: open levels only from published
//      artefacts). The licence file's text, when recognised, is preferred to the card (rule 4);
//      a disagreement is kept as a conflict. Gating is evidence only: Llama repos are gated
//      "manual" and are 3b. Unknown licence with public weights → level null (rule 3).
//      Level 4 plus OSI-licensed training code plus open data information → 5.
//   3. No public weights: access signals from announcements establish 0-2 only
//      (api → 2, hosted → 1, announced → 0; the most open one wins). None → null.
import {
  type Classification,
  type Evidence,
  type Gating,
  type LicenseRef,
  type Level,
  type ModelObservation,
  isWeightFile,
} from '../model.js';
import { type LicenseEntry, type LicenseKb, lookupLicense, recognizeLicenseTextDetailed, resolveLicenseRef } from './licenses.js';

/** Version of the rules in this file; a Classification carries it with the KB version. */
export const RULES_VERSION = 'r1';

export type AccessValue = 'hosted' | 'api' | 'announced';

export interface AccessSignal {
  signal: 'access';
  value: AccessValue;
  sourceUrl: string | null;
  seenAt: string;
}

/** The latest observed facts of the model's weights repository (Hugging Face). */
export interface RepoFacts {
  repoId?: string;
  url: string | null;
  seenAt: string;
  weightFiles: string[];
  /** The card's licence; a list when the card lists several. */
  license: LicenseRef | LicenseRef[] | null;
  /** The LICENSE file in the weights repo: the primary artefact (rule 4). */
  licenseText?: string | null;
  licenseTextHash?: string | null;
  licenseFileUrl?: string | null;
  gated: Gating;
  private: boolean;
  disabled: boolean;
  /** The repo disappeared from the listing and was confirmed gone. */
  withdrawn?: boolean;
}

/** Training code and data openness, when known (level 5). */
export interface TrainingFacts {
  /** Licence id of the training code (SPDX or HF id). */
  codeLicense: string | null;
  /** Training data, or full data information, is published. */
  dataOpen: boolean | null;
  sourceUrl: string | null;
  seenAt: string;
}

export interface GithubLicenseFacts {
  repo: string;
  spdxId: string | null;
  sourceUrl: string | null;
  seenAt: string;
}

export interface ClassifyInput {
  modelId: string;
  repo?: RepoFacts | null;
  access?: AccessSignal[];
  training?: TrainingFacts | null;
  /** The GitHub repo's licence: covers code, kept as evidence, never sets the weights' level. */
  githubLicense?: GithubLicenseFacts | null;
  /** A manual override (feeds/overrides.yaml): decides, and is shown as such. */
  override?: { level: Level; reason: string; sourceUrl?: string | null; seenAt?: string } | null;
}

/** Weight files among a repo's file names (HF `siblings[].rfilename`). */
export function weightFilesOf(files: readonly string[]): string[] {
  return files.filter(isWeightFile);
}

/** The repo facts of a collector's observation. */
export function repoFactsFromObservation(obs: ModelObservation, seenAt: string): RepoFacts {
  return {
    repoId: obs.repoId,
    url: obs.url,
    seenAt,
    weightFiles: obs.weightFiles,
    license: obs.license,
    licenseText: obs.licenseText ?? null,
    licenseTextHash: obs.licenseTextHash ?? null,
    gated: obs.gated,
    private: obs.private,
    disabled: obs.disabled,
  };
}

/** Level implied by a licence category when weight files are public. */
export function levelForCategory(category: LicenseEntry['category']): Level | null {
  switch (category) {
    case 'osi':
    case 'permissive-nonosi':
      return '4';
    case 'restricted':
      return '3b';
    case 'noncommercial':
    case 'proprietary':
      return '3a';
    case 'unknown':
      return null;
  }
}

const ACCESS_LEVEL: Record<AccessValue, Level> = { api: '2', hosted: '1', announced: '0' };
const ACCESS_WORDS: Record<AccessValue, string> = {
  api: 'a public API is announced',
  hosted: 'access is hosted only (app, waitlist or private preview)',
  announced: 'the model is announced without an access path',
};

interface Verdict {
  level: Level | null;
  decidedBy: string;
}

function isKnown(e: LicenseEntry | null | undefined): e is LicenseEntry {
  return !!e && e.category !== 'unknown';
}

function describe(e: LicenseEntry): string {
  const cat =
    e.category === 'osi'
      ? 'OSI-approved'
      : e.category === 'permissive-nonosi'
        ? 'permissive (no use restriction, not OSI-approved)'
        : e.category === 'restricted'
          ? 'restricted-use'
          : e.category === 'noncommercial'
            ? 'non-commercial'
            : 'proprietary';
  return `licence ${e.id} is ${cat} (${e.note.replace(/\.$/, '')})`;
}

/** Classify one model from its evidence. */
export function classify(input: ClassifyInput, kb: LicenseKb): Classification {
  const evidence: Evidence[] = [];
  const conflicts: string[] = [];
  const verdict = decide(input, kb, evidence, conflicts);
  const rulesVersion = `${RULES_VERSION}+kb${kb.version}`;
  if (input.override) {
    const o = input.override;
    evidence.push({ signal: 'override', value: o.level, sourceUrl: o.sourceUrl ?? null, seenAt: o.seenAt ?? evidence[0]?.seenAt ?? '' });
    return {
      modelId: input.modelId,
      level: o.level,
      rulesVersion,
      decidedBy: `manual override: ${o.reason} (the rules alone give ${verdict.level ?? 'unknown'}: ${verdict.decidedBy})`,
      evidence,
      conflicts,
      override: { level: o.level, reason: o.reason },
    };
  }
  return { modelId: input.modelId, level: verdict.level, rulesVersion, decidedBy: verdict.decidedBy, evidence, conflicts, override: null };
}

function decide(input: ClassifyInput, kb: LicenseKb, evidence: Evidence[], conflicts: string[]): Verdict {
  const repo = input.repo ?? null;
  let weightsVerdict: Verdict | null = null;
  let noWeightsReason = 'no weights repository is known';
  if (repo) {
    const weights = repoEvidence(repo, evidence);
    const license = licenseOf(repo, kb, evidence, conflicts);
    if (weights.public) {
      weightsVerdict = weightsLevel(license, repo, input.training ?? null, kb, evidence);
    } else {
      noWeightsReason = weights.why;
    }
  }
  if (input.githubLicense) {
    const g = input.githubLicense;
    evidence.push({ signal: 'github_license', value: g.spdxId, sourceUrl: g.sourceUrl, seenAt: g.seenAt });
  }
  const access = input.access ?? [];
  for (const a of access) evidence.push({ signal: 'access', value: a.value, sourceUrl: a.sourceUrl, seenAt: a.seenAt });
  if (weightsVerdict) return weightsVerdict;

  // Rule 1: without published weights an announcement establishes 0-2 only.
  const best = bestAccess(access);
  if (best) {
    const where = best.sourceUrl ? ` (${best.sourceUrl})` : '';
    return { level: ACCESS_LEVEL[best.value], decidedBy: `${noWeightsReason}; ${ACCESS_WORDS[best.value]}${where}` };
  }
  return { level: null, decidedBy: `${noWeightsReason} and no announcement states an access path: unknown` };
}

function bestAccess(access: AccessSignal[]): AccessSignal | null {
  let best: AccessSignal | null = null;
  for (const a of access) {
    if (!best || Number(ACCESS_LEVEL[a.value]) > Number(ACCESS_LEVEL[best.value])) best = a;
  }
  return best;
}

function repoEvidence(repo: RepoFacts, evidence: Evidence[]): { public: boolean; why: string } {
  const at = { sourceUrl: repo.url, seenAt: repo.seenAt };
  evidence.push({ signal: 'weights', value: repo.weightFiles.length, ...at });
  evidence.push({ signal: 'gating', value: repo.gated === false ? 'none' : repo.gated, ...at });
  const name = repo.repoId ?? repo.url ?? 'the repo';
  if (repo.withdrawn) {
    evidence.push({ signal: 'visibility', value: 'withdrawn', ...at });
    return { public: false, why: `${name} was withdrawn` };
  }
  if (repo.private) {
    evidence.push({ signal: 'visibility', value: 'private', ...at });
    return { public: false, why: `${name} is private` };
  }
  if (repo.disabled) {
    evidence.push({ signal: 'visibility', value: 'disabled', ...at });
    return { public: false, why: `${name} is disabled` };
  }
  if (repo.weightFiles.length === 0) return { public: false, why: `${name} has no weight files` };
  return { public: true, why: '' };
}

interface LicenseFinding {
  entry: LicenseEntry | null;
  /** Where the deciding licence came from. */
  basis: string;
  /** Why it is unknown, when entry is null. */
  unknownWhy: string;
}

function licenseOf(repo: RepoFacts, kb: LicenseKb, evidence: Evidence[], conflicts: string[]): LicenseFinding {
  const at = { sourceUrl: repo.url, seenAt: repo.seenAt };
  const refs = repo.license == null ? [] : Array.isArray(repo.license) ? repo.license : [repo.license];

  // The card: every listed licence is evidence; with several, the most restrictive known one.
  let card: LicenseEntry | null = null;
  const cardWords: string[] = [];
  for (const ref of refs) {
    evidence.push({ signal: 'license', value: ref.id, ...at });
    if (ref.name) evidence.push({ signal: 'license_name', value: ref.name, ...at });
    if (ref.link) evidence.push({ signal: 'license_link', value: ref.link, ...at });
    const r = resolveLicenseRef(kb, ref);
    cardWords.push([ref.id ?? 'none', ref.name ? `name ${ref.name}` : '', ref.link ? `link ${ref.link}` : ''].filter(Boolean).join(', '));
    if (isKnown(r.entry)) {
      if (r.via !== 'id') evidence.push({ signal: 'license_resolved', value: `${r.entry.id} (via license_${r.via})`, ...at });
      if (card && card.id !== r.entry.id) {
        conflicts.push(`the card lists several licences (${card.id}, ${r.entry.id}); the most restrictive one is used`);
      }
      if (!card || r.entry.rank > card.rank) card = r.entry;
    }
  }

  // The licence file (primary artefact).
  const fileUrl = repo.licenseFileUrl ?? repo.url;
  if (repo.licenseTextHash)
    evidence.push({ signal: 'license_text_hash', value: repo.licenseTextHash, sourceUrl: fileUrl, seenAt: repo.seenAt });
  let file: LicenseEntry | null = null;
  if (repo.licenseText != null) {
    const rec = recognizeLicenseTextDetailed(repo.licenseText, kb);
    file = rec.id ? (lookupLicense(kb, rec.id) ?? null) : null;
    evidence.push({ signal: 'license_text', value: file ? file.id : 'unrecognised', sourceUrl: fileUrl, seenAt: repo.seenAt });
    if (rec.candidates.length > 1) {
      conflicts.push(`the licence text matches several licences (${rec.candidates.join(', ')}); it is not used`);
    }
  }

  if (file) {
    if (card && card.id !== file.id) {
      conflicts.push(`the card says ${card.id} but the licence file is ${file.id}; the licence file is preferred (rule 4)`);
    }
    return { entry: file, basis: 'the licence file', unknownWhy: '' };
  }
  if (card) return { entry: card, basis: 'the card', unknownWhy: '' };
  const said = refs.length ? `card: ${cardWords.join('; ')}` : 'no licence on the card';
  const text = repo.licenseText != null ? 'licence text unrecognised' : 'no licence text';
  return { entry: null, basis: '', unknownWhy: `${said}; ${text}` };
}

function weightsLevel(
  license: LicenseFinding,
  repo: RepoFacts,
  training: TrainingFacts | null,
  kb: LicenseKb,
  evidence: Evidence[],
): Verdict {
  const gating = repo.gated === false ? '' : `; gating "${repo.gated}" is kept as evidence and does not lower the level`;
  const n = repo.weightFiles.length;
  const weights = `${n} weight file${n === 1 ? ' is' : 's are'} public`;
  if (!license.entry) {
    return { level: null, decidedBy: `${weights} but the licence is unknown (${license.unknownWhy}): left unknown, never guessed` };
  }
  const level = levelForCategory(license.entry.category);
  const base = `${describe(license.entry)}, from ${license.basis}; ${weights}${gating}`;
  if (level === '4' && training) {
    evidence.push({ signal: 'training_code_license', value: training.codeLicense, sourceUrl: training.sourceUrl, seenAt: training.seenAt });
    evidence.push({ signal: 'training_data', value: training.dataOpen, sourceUrl: training.sourceUrl, seenAt: training.seenAt });
    const code = lookupLicense(kb, training.codeLicense);
    if (code?.category === 'osi' && training.dataOpen === true) {
      return {
        level: '5',
        decidedBy: `${base}; training code is under ${code.id} (OSI) and the training data is published: open-source AI`,
      };
    }
  }
  return { level, decidedBy: base };
}
