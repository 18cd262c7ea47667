// Finding identity for SARIF and baselines: stable under edits elsewhere, and no secret in what is hashed.
import assert from 'node:assert/strict';
import { findingContext, fingerprints } from '../../rules/engine/fingerprint';
import type { Finding } from '../../rules/engine/types';

const finding = (ruleId: string, start: number, end: number): Finding => ({ ruleId, severity: 'error', range: { start, end }, message: '', fixes: [] });

describe('fingerprints', () => {
  const text = 'AZURE_PASSWORD=Hunter2-Secret-Value\n';
  const key = finding('no-ropc', 0, 14);
  const value = finding('no-stored-credentials', 15, 35);

  it('hash the line with every finding on it replaced by its length, so one rule never hashes another rule\'s secret', () => {
    assert.equal(findingContext(text, key, [key, value]), '<14>=<20>');
    assert.equal(findingContext(text, value, [key, value]), '<14>=<20>');
    assert.equal(findingContext(text, value), 'AZURE_PASSWORD=<20>');
  });

  it('survive lines inserted above and tell identical lines apart by occurrence', () => {
    const moved = `# comment\n\n${text}`;
    assert.deepEqual(fingerprints(moved, 'a.env', [finding('no-ropc', 11, 25), finding('no-stored-credentials', 26, 46)]), fingerprints(text, 'a.env', [key, value]));
    const twice = `${text}${text}`;
    const [first, second] = fingerprints(twice, 'a.env', [finding('no-ropc', 0, 14), finding('no-ropc', 36, 50)]);
    assert.notEqual(first, second);
  });
});
