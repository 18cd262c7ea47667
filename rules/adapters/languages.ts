// Which language a file is, from its name (and, for editors, a languageId hint).
import * as path from 'node:path';
import type { LanguageId } from '../model/types';

const BY_EXT: Record<string, LanguageId> = {
  '.ps1': 'powershell', '.psm1': 'powershell', '.psd1': 'powershell',
  '.cs': 'csharp', '.csx': 'csharp',
  '.py': 'python',
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescript',
  '.java': 'java',
  '.json': 'json', '.jsonc': 'json',
  '.yml': 'yaml', '.yaml': 'yaml',
  '.config': 'xml', '.csproj': 'xml', '.vbproj': 'xml', '.fsproj': 'xml', '.props': 'xml', '.targets': 'xml', '.xml': 'xml', '.nuspec': 'xml',
  '.properties': 'properties', '.ini': 'properties', '.cfg': 'properties', '.toml': 'properties',
  '.env': 'dotenv',
};

const BY_NAME: Record<string, LanguageId> = {
  '.env': 'dotenv',
  'requirements.txt': 'properties',
  'pom.xml': 'xml',
};

/** The language of `fileName`, or undefined when the engine does not read such files. */
export function languageOf(fileName: string): LanguageId | undefined {
  const base = path.basename(fileName).toLowerCase();
  if (BY_NAME[base]) return BY_NAME[base];
  if (base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  if (/^requirements.*\.txt$/.test(base)) return 'properties';
  return BY_EXT[path.extname(base)];
}

/** Map an editor languageId to ours; generic ids (plaintext, ini, dotenv, xml...) defer to the file name. */
export function languageFromEditor(languageId: string, fileName: string): LanguageId | undefined {
  const direct: Record<string, LanguageId> = {
    powershell: 'powershell', csharp: 'csharp', python: 'python', java: 'java',
    javascript: 'javascript', javascriptreact: 'javascript', typescript: 'typescript', typescriptreact: 'typescript',
    json: 'json', jsonc: 'json', yaml: 'yaml', 'azure-pipelines': 'yaml', 'github-actions-workflow': 'yaml',
  };
  return direct[languageId] ?? languageOf(fileName);
}

/** Glob patterns (for file watchers) that match every file name `languageOf` recognises (lower-case names). */
export function fileGlobs(): string[] {
  const exts = Object.keys(BY_EXT).map((e) => e.slice(1));
  return [`**/*.{${exts.join(',')}}`, '**/.env', '**/.env.*', '**/requirements*.txt'];
}
