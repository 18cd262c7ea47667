// The project file `.partner-auth-lint.json`: every setting validated on its own, problems explained, defaults kept.
import assert from 'node:assert/strict';
import { parseConfig } from '../../rules/engine/config';

const RULES = ['no-ropc', 'no-stored-credentials'];

describe('project config', () => {
  it('reads every setting', () => {
    const { config, problems } = parseConfig(
      JSON.stringify({ partnerType: 'cpv', rules: { 'no-ropc': 'warning' }, ignore: ['gen/**'], requireSuppressionReason: true, secretStore: { kind: 'keyVault', vaultName: 'contoso-partner-kv' } }),
      RULES,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { partnerType: 'cpv', rules: { 'no-ropc': 'warning' }, ignore: ['gen/**'], requireSuppressionReason: true, secretStore: { kind: 'keyVault', vaultName: 'contoso-partner-kv' } });
    assert.deepEqual(parseConfig('{ "secretStore": { "kind": "environment" } }', RULES).config, { secretStore: { kind: 'environment' } });
  });

  it('drops invalid settings one by one and says why', () => {
    const { config, problems } = parseConfig(
      JSON.stringify({ partnerType: 'reseller', rules: { 'no-ropc': 'loud', 'made-up': 'off', 'no-stored-credentials': 'off' }, ignore: 'gen', requireSuppressionReason: 'yes', secretStore: { kind: 'keyVault', vaultName: 'a--b' }, extra: 1 }),
      RULES,
    );
    assert.deepEqual(config, { rules: { 'no-stored-credentials': 'off' } });
    assert.deepEqual(problems, [
      '.partner-auth-lint.json: unknown setting "extra" ignored',
      '.partner-auth-lint.json: partnerType must be one of csp, cpv, unknown',
      '.partner-auth-lint.json: rule "no-ropc" severity must be one of off, info, warning, error',
      '.partner-auth-lint.json: unknown rule "made-up"',
      '.partner-auth-lint.json: ignore must be an array of glob strings',
      '.partner-auth-lint.json: requireSuppressionReason must be true or false',
      '.partner-auth-lint.json: secretStore.vaultName must be a Key Vault name (3-24 letters, digits and single dashes, starting with a letter)',
    ]);
    assert.deepEqual(parseConfig('{ "secretStore": "vault" }', RULES).problems, ['.partner-auth-lint.json: secretStore must be an object with "kind": "environment" or "keyVault"']);
    assert.deepEqual(parseConfig('{ "secretStore": { "kind": "hsm" } }', RULES).problems, ['.partner-auth-lint.json: secretStore.kind must be "environment" or "keyVault"']);
  });

  it('survives broken JSON and non-objects', () => {
    assert.match(parseConfig('{ nope', RULES).problems[0], /is not valid JSON .*using defaults/);
    assert.deepEqual(parseConfig('[1]', RULES), { config: {}, problems: ['.partner-auth-lint.json must contain a JSON object; using defaults'] });
  });
});
