// A Llama repo whose LICENSE text changes while its licence id stays llama3.1: exactly one
// `model.license_text_changed`, found with one conditional request for the file, the new text
// kept as evidence, and no level change.
import { describe, expect, it } from 'vitest';
import { gitBlobSha } from '../../demo/world/hub.js';
import { latestClassification } from '../../src/store/classifications.js';
import { getLicenseText, getModel } from '../../src/store/models.js';
import { failures, scenarioFixture } from './harness.js';

const REPO = 'meta-llama/Llama-3.1-8B-Instruct';
const LICENSE_PATH = `/${REPO}/resolve/main/LICENSE`;

describe('Llama 3.1: the licence text changes, the licence id does not', () => {
  // Each case starts from the step it needs (its own world run to it), so any case runs alone.
  const { at } = scenarioFixture();

  it('emits exactly one model.license_text_changed, at the step that edits LICENSE', async () => {
    const s = await at(0);
    for (const r of await s.runTo(3)) expect(failures(r)).toEqual([]);
    expect(s.events('model.license_text_changed')).toEqual([]);
    const before = s.world.server.requests.length;
    const r = await s.runStep(4);
    expect(failures(r)).toEqual([]);
    const changed = s.events('model.license_text_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      modelId: REPO,
      vendorId: 'meta',
      baseline: false,
      severity: 'warning',
      occurredAt: '2026-04-15T10:12:33.000Z',
    });
    expect(changed[0]!.data).toMatchObject({ license: 'llama3.1' });
    expect(changed[0]!.data.from).not.toEqual(changed[0]!.data.to);
    expect(s.events('model.license_changed')).toEqual([]);
    expect(s.console.text).toContain(`${REPO}: licence text changed`);

    // One conditional GET of the file, sent with the blob sha it had, answered with the new text.
    const fetched = s.world.server.requests.slice(before).filter((q) => q.url === LICENSE_PATH);
    expect(fetched).toHaveLength(1);
    const oldText = getLicenseText(s.db, String(changed[0]!.data.from))!;
    expect(fetched[0]!.headers['if-none-match']).toBe(`"${gitBlobSha(oldText)}"`);
    const newText = getLicenseText(s.db, String(changed[0]!.data.to))!;
    expect(oldText).toContain('https://llama.meta.com/llama3_1/use-policy');
    expect(newText).toContain('https://www.llama.com/llama3_1/use-policy');
    expect(newText).toMatch(/LLAMA 3\.1 COMMUNITY LICENSE AGREEMENT/);
  });

  it('keeps the level (the text is still the Llama 3.1 licence) and reports nothing more later', async () => {
    const s = await at(4);
    expect(getModel(s.db, REPO)).toMatchObject({ licenseId: 'llama3.1', level: '3b' });
    expect(latestClassification(s.db, REPO)?.decidedBy).toMatch(/llama3\.1 is restricted-use/);
    expect(s.events('model.reclassified').filter((e) => e.modelId === REPO)).toEqual([]);
    for (let step = 5; step <= s.world.steps; step++) expect(failures(await s.runStep(step))).toEqual([]);
    await s.again();
    expect(s.events('model.license_text_changed')).toHaveLength(1);
  });
});
