// The spring-2026 timeline: the world at its baseline, and what each step changes (the list of
// steps is at the top of ../spring-2026.ts). The state of step n is the baseline with steps 1..n applied.
import type { FeedItem, FeedState } from '../feeds.js';
import { derivedRelease, type GhState } from '../github.js';
import type { HubRepo, HubState } from '../hub.js';
import { GOOGLE_FEED, META_FEED, MICROSOFT_FEED, MIT_MICROSOFT, PHI_COOKBOOK, googleFeed, metaFeed, microsoftFeed } from './feeds.js';
import { MUSE_GLIMMER, commit, gemma3, gemma4, metaLlamaRepos, microsoftRepos, museGlimmer, phi } from './repos.js';

interface WorldState {
  hub: HubState;
  gh: GhState;
  feeds: FeedState;
}

interface StepDef {
  at: string;
  title: string;
  changes: string[];
  apply(s: WorldState): void;
}

function addPost(s: WorldState, feed: string, item: FeedItem): void {
  s.feeds.feeds.get(feed)!.items.push(item);
}

function repoOf(s: WorldState, id: string): HubRepo {
  const repo = [...s.hub.authors.values()].flat().find((r) => r.id === id);
  if (!repo) throw new Error(`replay: the world holds no repo ${id}`);
  return repo;
}

function baseline(): WorldState {
  const meta = metaLlamaRepos();
  return {
    hub: {
      authors: new Map([
        ['meta-llama', meta.repos],
        ['google', [gemma3()]],
        ['microsoft', microsoftRepos()],
      ]),
      files: new Map(meta.files),
    },
    gh: {
      repos: new Map([
        [
          PHI_COOKBOOK,
          {
            releases: [
              derivedRelease(PHI_COOKBOOK, {
                id: 231_877_019,
                tag: 'v2025.07',
                name: 'Phi-4-mini-flash-reasoning samples',
                body: 'Adds notebooks for Phi-4-mini-flash-reasoning (vLLM, ONNX Runtime).',
                publishedAt: '2025-07-10T09:14:52Z',
              }),
            ],
            license: { spdx: 'MIT', key: 'mit', name: 'MIT License', text: MIT_MICROSOFT },
          },
        ],
      ]),
    },
    feeds: {
      feeds: new Map([
        [META_FEED, metaFeed()],
        [GOOGLE_FEED, googleFeed()],
        [MICROSOFT_FEED, microsoftFeed()],
      ]),
    },
  };
}

export const STEPS: StepDef[] = [
  {
    at: '2026-03-16T09:00:00.000Z',
    title: 'Baseline: the world as of mid-March 2026',
    changes: [
      'meta-llama: Llama 3 8B/70B, Llama 3.1 8B (recorded), Llama 4 Scout and Maverick',
      'google: Gemma 3 27B under the Gemma Terms of Use; Gemini 3.1 Pro on the Google AI blog',
      'microsoft: Phi-4, Phi-4-mini, Phi-4-mini-flash-reasoning (MIT); MAI-Voice-1, MAI-1-preview and MAI-Image-1 posts; the PhiCookBook repo',
    ],
    apply: () => {},
  },
  {
    at: '2026-04-03T09:00:00.000Z',
    title: 'Gemma 4 ships under Apache-2.0',
    changes: ['google/gemma-4-27b-it appears on the Hub (apache-2.0, not gated)', 'Google AI blog: "Gemma 4 is here"'],
    apply: (s) => {
      s.hub.authors.get('google')!.push(gemma4());
      addPost(s, GOOGLE_FEED, {
        title: 'Gemma 4 is here: our most capable open models, now under Apache 2.0',
        link: 'https://blog.google/technology/developers/gemma-4/',
        description: 'Gemma 4 is available today on Hugging Face, Kaggle and in Google AI Studio under the Apache 2.0 license.',
        publishedAt: '2026-04-02T16:00:00Z',
        categories: ['Developers', 'AI'],
        author: 'Google DeepMind',
      });
    },
  },
  {
    at: '2026-04-09T09:00:00.000Z',
    title: 'Meta introduces Muse Spark: hosted only',
    changes: ['Meta Newsroom: "Introducing Muse Spark" (Meta AI app and meta.ai; a private API preview for select partners)'],
    apply: (s) =>
      addPost(s, META_FEED, {
        title: 'Introducing Muse Spark',
        link: 'https://about.fb.com/news/2026/04/introducing-muse-spark/',
        description:
          'Muse Spark, the first model from Meta Superintelligence Labs, is available today in the Meta AI app and on meta.ai. A private API preview is open to select partners.',
        publishedAt: '2026-04-08T16:00:00Z',
        categories: ['Meta AI'],
      }),
  },
  {
    at: '2026-04-16T09:00:00.000Z',
    title: 'The Llama 3.1 licence text changes, its id does not',
    changes: [
      'meta-llama/Llama-3.1-8B-Instruct: a new commit edits LICENSE (llama.meta.com links now point to www.llama.com); licence id still llama3.1',
    ],
    apply: (s) => {
      const repo = repoOf(s, 'meta-llama/Llama-3.1-8B-Instruct');
      commit(repo, '2026-04-15T10:12:33.000Z');
      const key = 'meta-llama/Llama-3.1-8B-Instruct/LICENSE';
      s.hub.files.set(key, s.hub.files.get(key)!.replaceAll('https://llama.meta.com/', 'https://www.llama.com/'));
    },
  },
  {
    at: '2026-04-30T09:00:00.000Z',
    title: 'Muse Spark API generally available, with a benchmark claim',
    changes: [
      'Meta Newsroom: "Muse Spark Is Now Generally Available in the Meta AI API" (pricing per million tokens)',
      'Meta Newsroom: "Muse Spark Scores 58% on Humanity’s Last Exam"',
    ],
    apply: (s) => {
      addPost(s, META_FEED, {
        title: 'Muse Spark Is Now Generally Available in the Meta AI API',
        link: 'https://about.fb.com/news/2026/04/muse-spark-api-generally-available/',
        description:
          'Developers can now build with Muse Spark through the Meta AI API, priced at $1.50 per million input tokens and $6 per million output tokens.',
        publishedAt: '2026-04-29T16:00:00Z',
        categories: ['Meta AI', 'Developers'],
      });
      addPost(s, META_FEED, {
        title: 'Muse Spark Scores 58% on Humanity’s Last Exam',
        link: 'https://about.fb.com/news/2026/04/muse-spark-humanitys-last-exam/',
        description: 'New evaluations from Meta Superintelligence Labs put Muse Spark ahead on expert-level reasoning questions.',
        publishedAt: '2026-04-29T18:00:00Z',
        categories: ['Meta AI'],
      });
    },
  },
  {
    at: '2026-05-14T09:00:00.000Z',
    title: 'Muse Spark Pro, and new Microsoft models',
    changes: [
      'Meta Newsroom: "Introducing Muse Spark Pro" (Meta AI subscribers and the Meta AI API): a second proprietary Meta release, no open one',
      'microsoft/Phi-5-mini-instruct appears on the Hub (MIT); PhiCookBook publishes release v2026.05',
      'Microsoft Source: "Introducing MAI-Image-2" (Microsoft Foundry and Copilot)',
    ],
    apply: (s) => {
      addPost(s, META_FEED, {
        title: 'Introducing Muse Spark Pro',
        link: 'https://about.fb.com/news/2026/05/introducing-muse-spark-pro/',
        description:
          'Muse Spark Pro, a larger Muse model for complex reasoning, is rolling out to Meta AI subscribers and is available through the Meta AI API.',
        publishedAt: '2026-05-12T16:00:00Z',
        categories: ['Meta AI'],
      });
      s.hub.authors
        .get('microsoft')!
        .push(phi('microsoft/Phi-5-mini-instruct', '2026-05-12T15:00:00.000Z', '2026-05-12T15:41:09.000Z', 4_112_508_928, 2));
      s.gh.repos.get(PHI_COOKBOOK)!.releases.push(
        derivedRelease(PHI_COOKBOOK, {
          id: 263_004_581,
          tag: 'v2026.05',
          name: 'Phi-5-mini samples',
          body: 'Adds notebooks for Phi-5-mini-instruct (Foundry Local, ONNX Runtime GenAI).',
          publishedAt: '2026-05-12T17:20:03Z',
        }),
      );
      addPost(s, MICROSOFT_FEED, {
        title: 'Introducing MAI-Image-2',
        link: 'https://microsoft.ai/news/introducing-mai-image-2/',
        description: 'MAI-Image-2 is available today in Microsoft Foundry and rolling out in Copilot.',
        publishedAt: '2026-05-13T16:00:00Z',
        categories: ['AI'],
      });
    },
  },
  {
    at: '2026-05-18T08:00:00.000Z',
    title: 'Monday morning: nothing new',
    changes: ['nothing: every request is answered 304 (the gap rules see their second evaluation)'],
    apply: () => {},
  },
  {
    at: '2026-08-11T09:00:00.000Z',
    title: 'Autumn: Meta ships Muse Glimmer as open weights, in a new Hub org',
    changes: [
      'Meta Newsroom: "Introducing Muse Glimmer", linking to https://huggingface.co/meta-models/Muse-Glimmer-30B',
      'meta-models/Muse-Glimmer-30B on the Hub: 30B, Apache-2.0, not gated, weights public (an org feeds/meta.yaml does not list)',
    ],
    apply: (s) => {
      s.hub.authors.set('meta-models', [museGlimmer()]);
      addPost(s, META_FEED, {
        title: 'Introducing Muse Glimmer',
        link: 'https://about.fb.com/news/2026/08/introducing-muse-glimmer/',
        description: `Muse Glimmer, a 30B agentic model distilled from Muse Spark, is available today as open weights under Apache 2.0 at https://huggingface.co/${MUSE_GLIMMER}, and you can try it in the Meta AI app.`,
        publishedAt: '2026-08-10T16:00:00Z',
        categories: ['Meta AI', 'Open Source'],
      });
    },
  },
];

export function stateAt(step: number): WorldState {
  const s = baseline();
  for (const def of STEPS.slice(0, step)) def.apply(s);
  return s;
}
