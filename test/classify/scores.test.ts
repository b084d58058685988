import { describe, expect, it } from 'vitest';
import { canonicalBenchmark, parseScoreStatements, scoresFromModelIndex, scoresFromPost } from '../../src/classify/scores.js';

describe('benchmark aliases', () => {
  it('maps names, aliases and dataset ids to canonical names', () => {
    const cases: [string, string][] = [
      ["Humanity's Last Exam", "Humanity's Last Exam"],
      ['HLE', "Humanity's Last Exam"],
      ['GPQA Diamond', 'GPQA Diamond'],
      ['gpqa-diamond', 'GPQA Diamond'],
      ['MMLU-Pro', 'MMLU-Pro'],
      ['MMLU (5-Shot)', 'MMLU'],
      ['SWE-bench Verified', 'SWE-bench Verified'],
      ['AIME 2025', 'AIME 2025'],
      ["AIME '24", 'AIME 2024'],
      ['AIME', 'AIME'],
      ['LMArena', 'LMArena'],
      ['Chatbot Arena', 'LMArena'],
      ['Arena score', 'LMArena'],
      ['Arena-Hard-Auto', 'Arena-Hard'],
      ['Artificial Analysis Intelligence Index', 'Artificial Analysis Intelligence Index'],
      ['ECI', 'Epoch Capabilities Index'],
      ['LiveCodeBench v6', 'LiveCodeBench'],
      ['TIGER-Lab/MMLU-Pro', 'MMLU-Pro'],
      ['cais/mmlu', 'MMLU'],
      ['Idavidrein/gpqa:gpqa_diamond', 'GPQA Diamond'],
    ];
    for (const [input, name] of cases) expect(canonicalBenchmark(input), input).toBe(name);
    expect(canonicalBenchmark('Drop (3-Shot)')).toBeNull();
    expect(canonicalBenchmark('math homework')).toBeNull(); // MATH is matched case-sensitively
  });
});

describe('parseScoreStatements', () => {
  it('reads the usual announcement phrasings', () => {
    expect(parseScoreStatements("Muse Spark scores 58% on Humanity's Last Exam")).toEqual([
      { benchmark: "Humanity's Last Exam", score: 58 },
    ]);
    expect(parseScoreStatements('The model achieves 87.5 on GPQA Diamond.')).toEqual([{ benchmark: 'GPQA Diamond', score: 87.5 }]);
    expect(parseScoreStatements('It debuts with an Arena score of 1420.')).toEqual([{ benchmark: 'LMArena', score: 1420 }]);
    expect(parseScoreStatements('HLE: 58.0%')).toEqual([{ benchmark: "Humanity's Last Exam", score: 58 }]);
    expect(parseScoreStatements('It scored 1,402 Elo on LMArena')).toEqual([{ benchmark: 'LMArena', score: 1402 }]);
    expect(parseScoreStatements('SWE-bench Verified (single attempt): 72.5%')).toEqual([{ benchmark: 'SWE-bench Verified', score: 72.5 }]);
  });

  it('reads several statements in one post without mixing their numbers', () => {
    const text =
      'Gemini 2.5 Pro leads LMArena with a score of 1443, scores 18.8% on Humanity’s Last Exam without tools, ' +
      'and reaches 84.0% on GPQA Diamond and 86.7% on AIME 2025. On SWE-bench Verified it scores 63.8%.';
    expect(parseScoreStatements(text)).toEqual([
      { benchmark: 'LMArena', score: 1443 },
      { benchmark: "Humanity's Last Exam", score: 18.8 },
      { benchmark: 'GPQA Diamond', score: 84 },
      { benchmark: 'AIME 2025', score: 86.7 },
      { benchmark: 'SWE-bench Verified', score: 63.8 },
    ]);
  });

  it('does not take years, versions or shot counts for scores', () => {
    expect(parseScoreStatements('We evaluate on AIME 2025 and MMLU 5-shot.')).toEqual([]);
    expect(parseScoreStatements('Our MMLU-Pro results will be published in 2026.')).toEqual([]);
    expect(parseScoreStatements('No benchmarks here, just 42% more speed.')).toEqual([]);
    // a rank is not a score; another model's number in parentheses is not this model's
    expect(parseScoreStatements('It ranks #1 on LMArena with an Elo of 1470.')).toEqual([{ benchmark: 'LMArena', score: 1470 }]);
    expect(parseScoreStatements('45.2% on HLE, beating GPT-5 (41%) on HLE')).toEqual([{ benchmark: "Humanity's Last Exam", score: 45.2 }]);
    // a bare number after a name is a version or a count, not a score
    expect(parseScoreStatements('On GPQA Diamond 2 we see gains.')).toEqual([]);
  });

  it('keeps the source of post scores', () => {
    expect(
      scoresFromPost('scores 58% on HLE', {
        modelId: 'meta/muse-spark',
        date: '2026-04-08',
        sourceUrl: 'https://ai.meta.com/blog/muse-spark',
      }),
    ).toEqual([
      {
        modelId: 'meta/muse-spark',
        benchmark: "Humanity's Last Exam",
        score: 58,
        date: '2026-04-08',
        sourceUrl: 'https://ai.meta.com/blog/muse-spark',
        sourceKind: 'announcement',
      },
    ]);
  });
});

describe('scoresFromModelIndex (defensive)', () => {
  it('returns nothing for shapes it does not know', () => {
    expect(scoresFromModelIndex(null)).toEqual([]);
    expect(scoresFromModelIndex('model-index')).toEqual([]);
    expect(scoresFromModelIndex({ results: [] })).toEqual([]);
    expect(scoresFromModelIndex([42, { results: 'nope' }])).toEqual([]);
  });

  it('skips malformed results and metrics, keeps the good ones', () => {
    const mi = [
      {
        name: 'x',
        results: [
          {
            dataset: { name: 'GPQA', type: 'Idavidrein/gpqa', config: 'gpqa_diamond' },
            metrics: [
              { type: 'acc', value: 'n/a' },
              { type: 'acc', value: '61.2' },
            ],
          },
          { dataset: { type: 'cais/mmlu' }, metrics: [{ type: 'acc', value: 70.1 }], source: { url: 'https://example.org/eval' } },
          { dataset: { type: 'mystery-bench' }, metrics: [{ value: 1 }] },
          { dataset: null, metrics: [{ value: 1 }] },
          'garbage',
          { dataset: { type: 'gsm8k' }, metrics: [{ value: '' }] },
        ],
      },
    ];
    expect(scoresFromModelIndex(mi, { sourceUrl: 'https://huggingface.co/x' })).toEqual([
      { benchmark: 'GPQA Diamond', score: 61.2, date: null, sourceUrl: 'https://huggingface.co/x', sourceKind: 'model-index' },
      { benchmark: 'MMLU', score: 70.1, date: null, sourceUrl: 'https://example.org/eval', sourceKind: 'model-index' },
    ]);
  });
});

describe('distinct benchmarks stay distinct; scores in one unit', () => {
  it('never merges a longer benchmark name into a near one', async () => {
    const { canonicalBenchmark: c } = await import('../../src/classify/scores.js');
    expect(c('MATH Level 5')).toBe('MATH Level 5');
    expect(c('FrontierMath Tier 4')).toBe('FrontierMath Tier 4');
    expect(c('SimpleQA Verified')).toBe('SimpleQA Verified');
    expect(c('OTIS Mock AIME 2024-2025')).toBe('OTIS Mock AIME 2024-2025');
    // Unknown names that mention a known one are not merged into it (the caller keeps them as they are).
    expect(c('MMLU-ProX Lite')).toBeNull();
    expect(c('GPQA Diamond extended')).toBeNull();
    expect(c('ECI Score')).toBe('Epoch Capabilities Index');
  });

  it('normalises fractions of percentage benchmarks, keeps index and Elo scales and unknown names as they are', async () => {
    const { normaliseScore, benchmarkTolerance } = await import('../../src/classify/scores.js');
    expect(normaliseScore('GPQA Diamond', 0.6944444444444444, { fractions: true })).toBeCloseTo(69.44444444, 6);
    expect(normaliseScore('GPQA Diamond', 69.4, { fractions: false })).toBe(69.4);
    expect(normaliseScore('GPQA Diamond', 0.58, { fractions: 'auto' })).toBe(58);
    expect(normaliseScore('GPQA Diamond', 58, { fractions: 'auto' })).toBe(58);
    expect(normaliseScore('GPQA Diamond', 0.5, { percentSign: true, fractions: true })).toBe(0.5);
    expect(normaliseScore('Epoch Capabilities Index', 0.9, { fractions: true })).toBe(0.9);
    expect(normaliseScore('LMArena', 1420, { fractions: 'auto' })).toBe(1420);
    expect(normaliseScore('Some New Bench', 0.7, { fractions: true })).toBe(0.7);
    expect(benchmarkTolerance('GPQA Diamond', 1)).toBe(1);
    expect(benchmarkTolerance('LMArena', 1)).toBe(10);
    expect(benchmarkTolerance('Epoch Capabilities Index', 2)).toBe(2);
  });
});

describe('model-index in fractions', () => {
  it('a card publishing fractions is stored in percent; a card in percent is kept', () => {
    const card = (v: number) => [
      {
        name: 'm',
        results: [
          { dataset: { type: 'Idavidrein/gpqa', config: 'gpqa_diamond' }, metrics: [{ type: 'acc', value: v }] },
          { dataset: { name: 'LMArena' }, metrics: [{ value: 1300 }] },
        ],
      },
    ];
    expect(scoresFromModelIndex(card(0.612)).map((s) => [s.benchmark, s.score])).toEqual([
      ['GPQA Diamond', 61.2],
      ['LMArena', 1300],
    ]);
    expect(scoresFromModelIndex(card(61.2)).map((s) => [s.benchmark, s.score])).toEqual([
      ['GPQA Diamond', 61.2],
      ['LMArena', 1300],
    ]);
  });
});
