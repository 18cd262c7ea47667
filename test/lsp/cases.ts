// One document per language the engine reads, each with one known finding (snippets from the rules' fixtures).
/** Where diagnostics link rule docs (a literal on purpose: the tests pin the URL users see). */
export const DOCS = 'https://github.com/partner-auth-lint/partner-auth-lint/blob/main/rules/';

export interface Case {
  name: string;
  file: string;
  languageId: string;
  text: string;
  ruleId: 'no-ropc' | 'no-stored-credentials';
  /** The flagged text (unique in `text`): the expected range is where it is. */
  flagged: string;
  /** Which occurrence of `flagged` (0-based) when it occurs more than once. */
  occurrence?: number;
}

const SECRET = 'abc8Q~0123456789abcdefghijklmnopqrstuvwx';

export const CASES: Case[] = [
  { name: 'PowerShell', file: 'connect.ps1', languageId: 'powershell', ruleId: 'no-ropc', flagged: '-Credential $cred',
    text: '$cred = Get-Credential\nConnect-ExchangeOnline -Credential $cred\n' },
  { name: 'C#', file: 'PartnerAuth.cs', languageId: 'csharp', ruleId: 'no-ropc', flagged: 'UsernamePasswordCredential',
    text: 'using Azure.Identity;\n\npublic class PartnerAuth\n{\n    public void SignIn(string user, string pwd)\n    {\n        var credential = new UsernamePasswordCredential(user, pwd, TenantId, ClientId);\n    }\n}\n' },
  { name: 'Python', file: 'sign_in.py', languageId: 'python', ruleId: 'no-ropc', flagged: 'acquire_token_by_username_password',
    text: 'import msal\n\n\ndef sign_in(app, username, password):\n    return app.acquire_token_by_username_password(username, password, scopes=SCOPES)\n' },
  { name: 'JavaScript', file: 'settings.js', languageId: 'javascript', ruleId: 'no-stored-credentials', flagged: `'${SECRET}'`,
    text: `const msal = require('@azure/msal-node');\n\nconst clientSecret = '${SECRET}';\n` },
  { name: 'TypeScript', file: 'signin.ts', languageId: 'typescript', ruleId: 'no-ropc', flagged: 'UsernamePasswordCredential', occurrence: 1,
    text: "import { UsernamePasswordCredential } from '@azure/identity';\n\nexport const credential = new UsernamePasswordCredential(tenant, clientId, username, password);\n" },
  { name: 'Java', file: 'PartnerConfig.java', languageId: 'java', ruleId: 'no-stored-credentials', flagged: `"${SECRET}"`,
    text: `public class PartnerConfig {\n    private static final String CLIENT_SECRET = "${SECRET}";\n}\n` },
  { name: 'appsettings.json', file: 'appsettings.json', languageId: 'json', ruleId: 'no-stored-credentials', flagged: `"${SECRET}"`,
    text: `{\n  "AzureAd": {\n    "ClientId": "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd",\n    "ClientSecret": "${SECRET}"\n  }\n}\n` },
  { name: 'azure-pipelines.yml', file: 'azure-pipelines.yml', languageId: 'yaml', ruleId: 'no-ropc', flagged: '-Credential $cred',
    text: 'trigger: none\nsteps:\n  - pwsh: |\n      Connect-AzAccount -Credential $cred\n    displayName: Legacy sign-in\n' },
  { name: '.env (plaintext)', file: '.env', languageId: 'plaintext', ruleId: 'no-ropc', flagged: 'password',
    text: 'AZURE_TENANT_ID=contoso.onmicrosoft.com\nOAUTH_GRANT_TYPE=password\n' },
  { name: 'web.config (xml)', file: 'web.config', languageId: 'xml', ruleId: 'no-ropc', flagged: '"password"',
    text: '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    <add key="ida:GrantType" value="password" />\n  </appSettings>\n</configuration>\n' },
  { name: 'application.properties', file: 'application.properties', languageId: 'properties', ruleId: 'no-stored-credentials', flagged: SECRET,
    text: `partnercenter.clientId=fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd\npartnercenter.clientSecret=${SECRET}\n` },
];

/** 0-based line/character of an offset (test-side, independent of the engine's LineIndex). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

export function rangeOf(text: string, needle: string, occurrence?: number): { start: { line: number; character: number }; end: { line: number; character: number } } {
  let at = text.indexOf(needle);
  for (let i = 0; i < (occurrence ?? 0) && at >= 0; i++) at = text.indexOf(needle, at + 1);
  if (at < 0 || (occurrence === undefined && text.indexOf(needle, at + 1) >= 0)) throw new Error(`needle must occur exactly once: ${needle}`);
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
}
