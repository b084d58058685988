import { describe, expect, it } from 'vitest';
import { extractLinks } from '../../src/diff/links.js';

describe('links in a post', () => {
  it('finds Hub repos, Hub orgs and GitHub repos in the link, the lead and the article hrefs', () => {
    const l = extractLinks({
      link: 'https://ai.meta.com/blog/muse-glimmer/',
      summary:
        'Muse Glimmer is available today at https://huggingface.co/meta-models/Muse-Glimmer-30B, under Apache 2.0. Code: https://github.com/meta-llama/llama-models/releases/tag/v0.3.0.',
      links: [
        'https://huggingface.co/meta-models',
        'https://huggingface.co/datasets/meta/some-data',
        'https://huggingface.co/spaces/meta/demo',
        'https://github.com/orgs/meta-llama',
        'https://hf.co/google/gemma-4-31b-it',
      ],
    });
    expect(l).toEqual({
      hubRepos: ['meta-models/Muse-Glimmer-30B', 'google/gemma-4-31b-it'],
      hubOrgs: ['meta-models'],
      githubRepos: ['meta-llama/llama-models'],
    });
  });

  it('finds nothing in a post without such links', () => {
    expect(
      extractLinks({
        link: 'https://about.fb.com/news/2026/04/introducing-muse-spark/',
        summary: 'Muse Spark is available in the Meta AI app.',
      }),
    ).toEqual({ hubRepos: [], hubOrgs: [], githubRepos: [] });
    expect(extractLinks({ link: null, summary: null })).toEqual({ hubRepos: [], hubOrgs: [], githubRepos: [] });
  });
});
