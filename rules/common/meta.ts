// Facts shared by every rule's metadata: the languages the engine reads and where docs live.
import type { LanguageId } from '../model/types';

export const ALL_LANGUAGES: readonly LanguageId[] = ['powershell', 'csharp', 'python', 'javascript', 'typescript', 'java', 'json', 'yaml', 'dotenv', 'xml', 'properties'];
export const CODE_LANGUAGES: readonly LanguageId[] = ['powershell', 'csharp', 'python', 'javascript', 'typescript', 'java'];

/** Docs URL derived from the rule id so it cannot drift (the rule's README.md in the repository). */
export const REPO_URL = 'https://github.com/partner-auth-lint/partner-auth-lint';
export const DOCS_BASE = `${REPO_URL}/blob/main/rules/`;
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}/README.md`;
}
