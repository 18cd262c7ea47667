// Finding identity for SARIF and baselines: stable under edits elsewhere, and no secret in what is hashed.
import assert from 'node:assert/strict';
import { findingContext, fingerprints } from '../../rules/engine/fingerprint';
import type { Finding } from '../../rules/engine/types';

const finding = (ruleId: string, start: number, end: number): Finding => ({ ruleId, severity: 'error', range: { start, end }, message: '', fixes: [] });

describe('fingerprints', () => {
  const text = 'AZURE_PASSWORD=Hunter2-Secret-Value\n';
  const key = finding('no-ropc', 0, 14);
  const value = finding('no-stored-credentials', 15, 35);

  it('hash the line with the flagged text and every value that may be a secret replaced by its length, whatever other rules flag', () => {
    assert.equal(findingContext(text, key), '<14>=<20>');
    assert.equal(findingContext(text, value), 'AZURE_PASSWORD=<20>');
    const ps = "$body = @{ client_secret = 'abc8Q~0123456789abcdef'; grant_type = 'password' } # sync";
    assert.equal(findingContext(ps, finding('no-ropc', ps.indexOf("'password'"), ps.indexOf("'password'") + 10)), '$body = @{ client_secret = <24>; grant_type = <10> } # sync');
  });

  it('survive lines inserted above and tell identical lines apart by occurrence', () => {
    const moved = `# comment\n\n${text}`;
    assert.deepEqual(fingerprints(moved, 'a.env', [finding('no-ropc', 11, 25), finding('no-stored-credentials', 26, 46)]), fingerprints(text, 'a.env', [key, value]));
    const twice = `${text}${text}`;
    const [first, second] = fingerprints(twice, 'a.env', [finding('no-ropc', 0, 14), finding('no-ropc', 36, 50)]);
    assert.notEqual(first, second);
  });
});
