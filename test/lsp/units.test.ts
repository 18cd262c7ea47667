// Server modules in-process: diagnostic conversion, comment placement, config merging, the ignore list.
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../rules/engine/lines';
import { addIgnore } from '../../server/lsp/codeActions';
import { commentSyntax, disableFileEdit, disableLineEdit } from '../../server/lsp/comments';
import { toDiagnostic } from '../../server/lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/lsp/protocol';
import { effective, validateSettings } from '../../server/lsp/settings';

describe('language server modules', () => {
  it('converts a finding: UTF-16 columns, deprecated tag, href, fixes as LSP ranges in data', () => {
    const text = 'é😀 x = old()\r\nnext\n';
    const d = toDiagnostic({ ruleId: 'no-ropc', severity: 'warning', range: { start: 7, end: 12 }, message: 'm', tags: ['deprecated'], fixes: [{ title: 'f', preferred: true, edits: [{ range: { start: 7, end: 10 }, text: 'new' }] }] }, new LineIndex(text));
    assert.deepEqual(d, {
      range: { start: { line: 0, character: 7 }, end: { line: 0, character: 12 } },
      severity: 2, source: 'partner-auth-lint', code: 'no-ropc', message: 'm', tags: [2],
      codeDescription: { href: 'https://github.com/partner-auth-lint/partner-auth-lint/blob/main/rules/no-ropc/README.md' },
      data: { ruleId: 'no-ropc', fixes: [{ title: 'f', preferred: true, edits: [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } }, newText: 'new' }] }] },
    });
  });

  it('knows which JSON files take comments', () => {
    assert.equal(commentSyntax('json', '/w/appsettings.json', 'json'), undefined);
    assert.equal(commentSyntax('json', '/w/tsconfig.build.json', 'json')?.open, '//');
    assert.equal(commentSyntax('json', '/w/a.jsonc', 'json')?.open, '//');
    assert.equal(commentSyntax('json', '/w/x.json', 'jsonc')?.open, '//');
  });

  it('puts disable-file after #Requires lines, and disable-line at the line\'s indentation with tabs', () => {
    const ps = TextDocument.create('file:///a.ps1', 'powershell', 1, '#Requires -Version 7\n#Requires -Modules Az\nparam()\n\tConnect-ExchangeOnline -Credential $c\n');
    const hash = commentSyntax('powershell', 'a.ps1')!;
    assert.deepEqual(disableFileEdit(ps, hash, 'no-ropc'), { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '# partner-auth-lint-disable no-ropc -- reason\n' });
    assert.deepEqual(disableLineEdit(ps, hash, 'no-ropc', 3).newText, '\t# partner-auth-lint-disable-next-line no-ropc -- reason\n');
    const only = TextDocument.create('file:///b.py', 'python', 1, '#!/usr/bin/env python3');
    assert.deepEqual(disableFileEdit(only, commentSyntax('python', 'b.py')!, 'no-ropc').newText, '\n# partner-auth-lint-disable no-ropc -- reason');
  });

  it('adds to the ignore list keeping other settings and CRLF, and not twice', () => {
    const text = '{\r\n  "partnerType": "csp",\r\n  "ignore": ["a.json"]\r\n}\r\n';
    const out = addIgnore(text, 'b/c.json')!;
    assert.deepEqual(JSON.parse(out), { partnerType: 'csp', ignore: ['a.json', 'b/c.json'] });
    assert.ok(!/[^\r]\n/.test(out), 'CRLF kept');
    assert.equal(addIgnore(out, 'b/c.json'), undefined);
    assert.deepEqual(JSON.parse(addIgnore('{ "partnerType": "cpv" }', 'x.json')!), { partnerType: 'cpv', ignore: ['x.json'] });
  });

  it('validates settings field by field and merges them over the project file', () => {
    const { settings, problems } = validateSettings({ enable: 'yes', partnerType: 'csp', rules: { 'no-ropc': 'warning', 'no-stored-credentials': 7 }, exclude: 'x' });
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, partnerType: 'csp', rules: { 'no-ropc': 'warning' } });
    assert.equal(problems.length, 3);
    const project = {
      partnerType: 'cpv' as const,
      rules: { 'no-ropc': 'info' as const, 'no-stored-credentials': 'off' as const },
      ignore: ['gen/**'],
      requireSuppressionReason: true,
      secretStore: { kind: 'keyVault' as const, vaultName: 'contoso-kv' },
    };
    const trusted = effective({ ...DEFAULT_SETTINGS, rules: { 'no-ropc': 'error' } }, project, true, '/w/gen/a.ps1', '/w');
    assert.deepEqual(
      [trusted.options, trusted.excluded],
      [{ partnerType: 'cpv', rules: { 'no-ropc': 'error', 'no-stored-credentials': 'off' }, requireSuppressionReason: true, secretStore: { kind: 'keyVault', vaultName: 'contoso-kv' } }, true],
    );
    const untrusted = effective(DEFAULT_SETTINGS, project, false, '/w/gen/a.ps1', '/w');
    assert.deepEqual(
      [untrusted.options, untrusted.excluded],
      [{ partnerType: 'unknown', rules: { 'no-ropc': 'info', 'no-stored-credentials': 'off' }, requireSuppressionReason: false, secretStore: { kind: 'environment' } }, false],
    );
    const own = effective({ ...DEFAULT_SETTINGS, secretStore: { kind: 'environment' } }, project, true, '/w/a.ps1', '/w');
    assert.deepEqual(own.options.secretStore, { kind: 'environment' }, 'the setting wins over the project file');
    const bad = validateSettings({ secretStore: { kind: 'keyVault', vaultName: 'no' }, requireSuppressionReason: 'yes' });
    assert.deepEqual(bad.problems, [
      'partnerAuthLint.requireSuppressionReason must be true or false',
      'partnerAuthLint.secretStore.vaultName must be a Key Vault name (3-24 letters, digits and single dashes, starting with a letter)',
    ]);
    assert.deepEqual(validateSettings({ secretStore: { kind: 'keyVault', vaultName: 'contoso-kv' } }).settings.secretStore, { kind: 'keyVault', vaultName: 'contoso-kv' });
  });
});
