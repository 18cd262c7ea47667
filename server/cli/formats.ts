// Report formats for scan results: ESLint-stylish text, the stable JSON contract, SARIF 2.1.0.
import type { Rule } from '../../rules/engine/types';
import { docsUrl, REPO_URL } from '../../rules/common/meta';
import { pathToFileURL } from 'node:url';
import type { CliFinding, CliSuppression, ScanResult } from './scan';

export const TOOL_NAME = 'partner-auth-lint';
export const TOOL_VERSION = '0.1.0';

export function formatJson(r: ScanResult): string {
  return JSON.stringify(
    {
      version: 1,
      tool: TOOL_NAME,
      files: r.files,
      findings: r.findings.map(({ fingerprint: _f, ...f }) => f),
      baselined: r.baselined,
      errors: r.errors,
    },
    null,
    2,
  );
}

export function formatText(r: ScanResult, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const byFile = new Map<string, CliFinding[]>();
  for (const f of r.findings) {
    if (!byFile.has(f.file)) byFile.set(f.file, []);
    byFile.get(f.file)!.push(f);
  }
  for (const [file, list] of byFile) {
    out.push('', c('4', file));
    const rows = list.map((f) => [`${f.line}:${f.column}`, f.severity, f.message, f.ruleId]);
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    for (const [p, sev, msg, id] of rows) {
      const sevText = sev === 'error' ? c('31', sev.padEnd(w1)) : sev === 'warning' ? c('33', sev.padEnd(w1)) : c('36', sev.padEnd(w1));
      out.push(`  ${c('2', p.padEnd(w0))}  ${sevText}  ${msg}  ${c('2', id)}`);
    }
  }
  if (r.errors.length) {
    out.push('', c('4', 'Files not analysed'));
    for (const e of r.errors) out.push(`  ${e.file}: ${e.message}`);
  }
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const infos = r.findings.length - errors - warnings;
  const total = r.findings.length;
  out.push('');
  if (r.baselined) out.push(c('2', `${r.baselined} baselined finding${r.baselined === 1 ? '' : 's'} not shown (--no-baseline shows them)`));
  if (total === 0) out.push(c('32', `✔ No problems found in ${r.files} file${r.files === 1 ? '' : 's'}`));
  else {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${infos ? `, ${infos} info` : ''}) in ${r.files} file${r.files === 1 ? '' : 's'}`;
    out.push(c(errors ? '31;1' : '33;1', summary));
  }
  return out.join('\n') + '\n';
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(r: ScanResult, rules: readonly Rule[], cwd: string): string {
  const index = new Map(rules.map((rule, i) => [rule.meta.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            informationUri: REPO_URL,
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: rule.meta.title },
              helpUri: docsUrl(rule.meta.id),
              defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
              properties: { tags: ['security', ...(rule.meta.tags ?? [])] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: r.errors.map((e) => ({
              level: 'warning',
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(e.file), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results: r.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeUri(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          partialFingerprints: { 'partnerAuthLint/v1': f.fingerprint },
          ...(f.fixes.length
            ? {
                fixes: f.fixes.map((x) => ({
                  description: { text: x.title },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: encodeUri(f.file), uriBaseId: '%SRCROOT%' },
                      replacements: x.edits.map((e) => ({
                        deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
                        insertedContent: { text: e.text },
                      })),
                    },
                  ],
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function encodeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** `suppressions` as text: one line per comment, grouped by file, then totals. */
export function formatSuppressions(list: readonly CliSuppression[]): string {
  const out: string[] = [];
  let file = '';
  for (const s of list) {
    if (s.file !== file) out.push('', (file = s.file));
    const state = s.expired ? `expired ${s.until}` : s.until ? `until ${s.until}` : 'no expiry';
    const scope = s.kind === 'file' ? 'rest of file' : s.kind === 'line' ? 'this line' : 'next line';
    out.push(`  ${s.line}  ${s.rules.length ? s.rules.join(', ') : 'all rules'}  (${scope}, ${state}, ${s.suppressed} silenced)  ${s.reason ? `reason: ${s.reason}` : 'no reason given'}`);
  }
  const expired = list.filter((s) => s.expired).length;
  const unexplained = list.filter((s) => !s.reason).length;
  out.push('', `${list.length} suppression${list.length === 1 ? '' : 's'}: ${expired} expired, ${unexplained} without a reason.`);
  return out.join('\n') + '\n';
}
