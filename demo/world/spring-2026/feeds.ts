// The spring-2026 world's vendor feeds and GitHub repo: invented posts in the shapes of recorded
// feeds (demo/world/PROVENANCE.md), and the paths the world serves them at.
import type { FeedDoc } from '../feeds.js';

export const META_FEED = '/meta/news/feed/';
export const GOOGLE_FEED = '/google/innovation-and-ai/technology/ai/rss/';
export const MICROSOFT_FEED = '/microsoft/source/topics/ai/feed/';
export const PHI_COOKBOOK = 'microsoft/PhiCookBook';

export function metaFeed(): FeedDoc {
  return {
    shape: 'cdata',
    channel: {
      title: 'Meta Newsroom',
      link: 'https://about.fb.com/news/',
      description: 'Meta Newsroom',
      self: 'https://about.fb.com/news/feed/',
    },
    items: [
      {
        title: 'Meta Reports Fourth Quarter and Full Year 2025 Results',
        link: 'https://about.fb.com/news/2026/01/meta-reports-fourth-quarter-and-full-year-2025-results/',
        description: 'Meta Platforms, Inc. today reported financial results for the quarter and full year ended December 31, 2025.',
        publishedAt: '2026-01-28T21:05:00Z',
        categories: ['Company News'],
      },
      {
        title: 'Bringing Meta AI to More Countries and Languages',
        link: 'https://about.fb.com/news/2026/02/bringing-meta-ai-to-more-countries-and-languages/',
        description: 'Meta AI is expanding to 12 more countries and 8 more languages across WhatsApp, Instagram, Facebook and Messenger.',
        publishedAt: '2026-02-24T15:00:00Z',
        categories: ['Meta AI'],
      },
    ],
  };
}

export function googleFeed(): FeedDoc {
  return {
    shape: 'google-ai',
    items: [
      {
        title: 'Gemini 3.1 Pro: a smarter model for your most complex tasks',
        link: 'https://blog.google/innovation-and-ai/models-and-research/gemini-models/gemini-3-1-pro/',
        description:
          'Gemini 3.1 Pro is rolling out today in the Gemini app and to developers in the Gemini API via Google AI Studio and Vertex AI.',
        publishedAt: '2026-02-19T16:00:00Z',
        categories: ['Gemini models', 'AI'],
        author: 'Google DeepMind',
      },
      {
        title: '5 ways to plan a spring trip with AI Mode in Search',
        link: 'https://blog.google/products-and-platforms/products/search/ai-mode-spring-travel/',
        description: 'From itineraries to packing lists, here are five ways AI Mode can help you plan your next trip.',
        publishedAt: '2026-03-05T17:00:00Z',
        categories: ['Search', 'AI'],
        author: 'Google Search',
      },
    ],
  };
}

export function microsoftFeed(): FeedDoc {
  return {
    shape: 'cdata',
    channel: {
      title: 'AI – Source',
      link: 'https://news.microsoft.com/source/topics/ai/',
      description: 'Microsoft Source: AI',
      self: 'https://news.microsoft.com/source/topics/ai/feed/',
    },
    items: [
      {
        title: 'Introducing MAI-Voice-1 and MAI-1-preview',
        link: 'https://microsoft.ai/news/two-new-in-house-models/',
        description:
          'MAI-Voice-1 is available today in Copilot Daily and Podcasts; MAI-1-preview is in public testing, with API access for select trusted testers.',
        publishedAt: '2025-08-28T16:00:00Z',
        categories: ['AI'],
      },
      {
        // A rank stated like a score: the scores step must not store "10" as an LMArena score.
        title: 'Introducing MAI-Image-1, debuting in the top 10 on LMArena',
        link: 'https://microsoft.ai/news/introducing-mai-image-1/',
        description: 'MAI-Image-1, our first image generation model developed in-house, is coming soon to Copilot and Bing Image Creator.',
        publishedAt: '2025-10-13T16:00:00Z',
        categories: ['AI'],
      },
      {
        title: 'What’s new in Copilot this March',
        link: 'https://news.microsoft.com/source/features/ai/whats-new-in-copilot-march-2026/',
        description: 'A roundup of this month’s Copilot updates across Windows, Edge and Microsoft 365.',
        publishedAt: '2026-03-10T16:00:00Z',
        categories: ['AI', 'Copilot'],
      },
    ],
  };
}

export const MIT_MICROSOFT = `    MIT License

    Copyright (c) Microsoft Corporation.

    Permission is hereby granted, free of charge, to any person obtaining a copy
    of this software and associated documentation files (the "Software"), to deal
    in the Software without restriction, including without limitation the rights
    to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is
    furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
    FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
    AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
    LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
    OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
    SOFTWARE
`;
