// Dispatches each observation to the diff of its type (one file per observation family).
import type { Observation } from '../model.js';
import { emptyDiff, type DiffContext, type DiffOutput } from './types.js';
import { diffModel, diffModelGone } from './models.js';
import { diffRelease, diffRepoLicense, diffRepo } from './github.js';
import { diffPost } from './posts.js';

export function diffObservations(observations: Observation[], ctx: DiffContext): DiffOutput {
  const out = emptyDiff();
  for (const obs of observations) {
    const prev = ctx.known.get(obs.key);
    switch (obs.type) {
      case 'model':
        diffModel(obs, prev, ctx, out);
        break;
      case 'model-gone':
        diffModelGone(obs, prev, ctx, out);
        break;
      case 'release':
        diffRelease(obs, prev, ctx, out);
        break;
      case 'repo-license':
        diffRepoLicense(obs, prev, ctx, out);
        break;
      case 'repo':
        diffRepo(obs, prev, ctx, out);
        break;
      case 'post':
        diffPost(obs, prev, ctx, out);
        break;
    }
  }
  return out;
}

export type { DiffContext, DiffOutput } from './types.js';
