import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { parseStack } from '../../src/exposure/stack.js';

describe('parseStack', () => {
  it('reads workflows with name, model, criticality and optional notes', () => {
    const r = parseStack(
      'workflows:\n  - name: chat\n    model: meta-llama/Llama-3.1-8B-Instruct\n    criticality: high\n    notes: on-prem\n  - { name: sum, model: google/gemma-3-12b-it, criticality: low }\n',
    );
    expect(r).toEqual({
      ok: true,
      workflows: [
        { name: 'chat', model: 'meta-llama/Llama-3.1-8B-Instruct', criticality: 'high', notes: 'on-prem' },
        { name: 'sum', model: 'google/gemma-3-12b-it', criticality: 'low' },
      ],
    });
  });

  it('reads a bare list as the workflows', () => {
    const r = parseStack('- { name: chat, model: m, criticality: medium }\n');
    expect(r.ok && r.workflows.map((w) => w.name)).toEqual(['chat']);
  });

  it('reports every problem at once, each with its path', () => {
    const r = parseStack(
      [
        'workflows:',
        '  - name: chat', //               criticality missing
        '    model: meta-llama/Llama-3.1-8B-Instruct',
        '  - model: 42', //                name missing, model not a string
        '    criticality: urgent',
        '  - name: "  "',
        '    model: x',
        '    criticality: low',
        '    owner: me', //                 unknown key
        '  - name: Chat', //               duplicate (case-insensitive)
        '    model: y',
        '    criticality: low',
        'version: 2',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        'workflows[0].criticality: required',
        'workflows[1].name: required',
        'workflows[1].model: expected a model id',
        'workflows[1].criticality: expected low, medium, high',
        'workflows[2].name: must not be empty',
        'workflows[2]: unknown key owner',
        '(file): unknown key version',
        'workflows[3].name: "Chat" is also the name of workflows[0]',
      ]),
    );
    expect(r.problems).toHaveLength(8);
  });

  it('reports a file without workflows, an empty list and YAML errors', () => {
    expect(parseStack('')).toEqual({ ok: false, problems: ['workflows: required'] });
    expect(parseStack('workflows: []')).toEqual({ ok: false, problems: ['workflows: lists no workflow'] });
    expect(parseStack('workflows: nope')).toEqual({ ok: false, problems: ['workflows: expected a list of workflows'] });
    expect(parseStack('just text')).toEqual({ ok: false, problems: ['(file): expected a mapping with workflows'] });
    const y = parseStack('workflows:\n  - name: [unclosed\n');
    expect(y.ok).toBe(false);
    expect(!y.ok && y.problems[0]).toMatch(/^YAML: /);
  });

  it('examples/stack.yaml is valid and uses Llama, Gemma, Phi and Muse', () => {
    const r = parseStack(fs.readFileSync(new URL('../../examples/stack.yaml', import.meta.url), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.workflows.length).toBeGreaterThanOrEqual(3);
    const models = r.workflows.map((w) => w.model).join(' ');
    for (const family of [/llama/i, /gemma/i, /phi/i, /muse/i]) expect(models).toMatch(family);
  });
});
