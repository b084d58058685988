import { describe, expect, it } from 'vitest';
import { accessFromText } from '../../src/classify/announce-access.js';

// Titles and leads in the style of vendor newsrooms (paraphrased, not copied).
describe('accessFromText', () => {
  it('public API → api', () => {
    const api = [
      'Introducing GPT-4.1 in the API: a new series of GPT models featuring major improvements on coding.',
      'Gemini 2.5 Pro is available now in Google AI Studio and the Gemini API, and in Vertex AI.',
      'Claude 3.5 Sonnet is now available for free on Claude.ai and the Claude iOS app. It is also available via the Anthropic API, Amazon Bedrock, and Google Cloud’s Vertex AI.',
      'Developers can access Mistral Medium 3 on La Plateforme today.',
      'The model costs $3 per million input tokens and $15 per million output tokens.',
      'Grok 3 is now generally available to developers.',
      'GPT-4.5 is available in research preview to ChatGPT Pro users and to developers on all paid usage tiers in the API.',
    ];
    for (const t of api) expect(accessFromText(t), t).toBe('api');
  });

  it('app, waitlist or private preview → hosted', () => {
    const hosted = [
      'Muse Spark is available today in the Meta AI app and on meta.ai, with a private API preview for select partners.',
      'Muse Spark is available today in the Meta AI app. Developers can access it through a private preview of the Meta AI API.',
      'Join the waitlist for Veo.',
      'MAI-1-preview is now in public testing on LMArena, with API access for trusted testers.',
      'Sora is rolling out to ChatGPT Plus and Pro users today.',
      'Gemini Ultra is available to select customers and developers for early experimentation.',
      'Meta AI app: Muse Spark rolls out in the US',
      'o3-pro is available in the model picker for Pro and Team users starting today.',
    ];
    for (const t of hosted) expect(accessFromText(t), t).toBe('hosted');
  });

  it('an API that is only coming → not api', () => {
    expect(accessFromText('Introducing Llama 4 Behemoth, still training. API access is coming later this year.')).toBe('announced');
    expect(
      accessFromText("Muse Spark is live in the Meta AI app; we'll make it available to developers via the API in the coming weeks."),
    ).toBe('hosted');
    expect(accessFromText('The model is not yet available in the API.')).toBe('announced');
  });

  it('an introduction without an access path → announced', () => {
    expect(accessFromText('Introducing Muse Spark, the first model from Meta Superintelligence Labs')).toBe('announced');
    expect(accessFromText('Announcing our next frontier model')).toBe('announced');
  });

  it('says nothing → null', () => {
    expect(accessFromText('Our quarterly results exceeded expectations.')).toBeNull();
    expect(accessFromText('')).toBeNull();
    expect(accessFromText(null)).toBeNull();
  });
});

describe('accessFromText across version numbers', () => {
  it('reads past a dot inside a number (Apache 2.0, Gemini 2.5) but stops at a full stop', () => {
    expect(accessFromText('Gemma 4 is available today under Apache 2.0 & in Google AI Studio')).toBe('api');
    expect(accessFromText('Gemini 2.5 Pro rolls out in the Gemini app')).toBe('hosted');
    expect(accessFromText('We are excited about Gemma 4. The console is new.')).not.toBe('api');
  });
});
