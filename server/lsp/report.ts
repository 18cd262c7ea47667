// `partnerAuthLint/readinessReport`: the readiness report of every workspace folder, computed in-process
// with the CLI's file collection and scanner (so it equals `partner-auth-lint report --format json` run
// in the folder); open documents contribute their editor text instead of the file on disk.
import * as path from 'node:path';
import type { CancellationToken, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PartnerType } from '../../rules/engine/types';
import { buildReadinessReport } from '../../rules/report/readiness';
import { collectFiles } from '../cli/collect';
import { displayPath, scanFiles, type AnalysedFile, type CliFinding } from '../cli/scan';
import type { Configuration } from './configuration';
import type { ReadinessReportResult } from './protocol';
import { URI } from './uri';

export class ReportCancelled extends Error {}

/** Files linted between two turns of the event loop. */
const SLICE = 8;

export async function readinessReport(config: Configuration, documents: TextDocuments<TextDocument>, token?: CancellationToken): Promise<ReadinessReportResult> {
  const roots = config.folders;
  const texts = new Map<string, string>();
  for (const d of documents.all()) {
    const p = URI.toPath(d.uri);
    if (p) texts.set(p, d.getText());
  }
  const analysed: AnalysedFile[] = [];
  const findings: CliFinding[] = [];
  const files: Record<string, string> = {};
  const partnerTypes = new Set<PartnerType>();
  for (const root of roots) {
    const folder = await config.forFolder(root);
    if (!folder.enable) continue;
    const options = folder.forFile(path.join(root, '_')).options;
    partnerTypes.add(options.partnerType ?? 'unknown');
    const list = collectFiles([root], root, folder.excludeGlobs, true).files;
    // One folder: paths relative to it, as the CLI run there prints them; several: prefixed with the folder's name.
    const prefix = roots.length > 1 ? `${path.basename(root)}/` : '';
    for (const file of list) files[prefix + displayPath(file, root)] = URI.fromPath(file);
    // In slices, yielding to the event loop between them: hovers, code actions and cancellation are served meanwhile.
    for (let i = 0; i < list.length; i += SLICE) {
      if (token?.isCancellationRequested) throw new ReportCancelled('cancelled');
      const result = await scanFiles(list.slice(i, i + SLICE), options, root, { callSites: true, texts });
      for (const a of result.analysed ?? []) analysed.push({ ...a, file: prefix + a.file });
      for (const f of result.findings) findings.push({ ...f, file: prefix + f.file });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const partnerType: PartnerType = partnerTypes.size === 1 ? [...partnerTypes][0] : 'unknown';
  return { report: buildReadinessReport({ files: analysed, findings, partnerType }), files };
}
