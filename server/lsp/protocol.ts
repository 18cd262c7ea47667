// Names and payloads shared by the language server and the VS Code client (the only server file the client imports).

/** The diagnostic `source` of every finding; the Problems view filters on it. */
export const SOURCE = 'partner-auth-lint';

/** Configuration section read per resource through `workspace/configuration`. */
export const SETTINGS_SECTION = 'partnerAuthLint';

export type RunMode = 'onType' | 'onSave';
export type PartnerTypeSetting = 'auto' | 'csp' | 'cpv' | 'unknown';
export type SeverityOverride = 'error' | 'warning' | 'info' | 'off';
/** Same shape as the engine's SecretStore (kept here so the client compiles this file alone). */
export type SecretStoreSetting = { kind: 'environment' } | { kind: 'keyVault'; vaultName: string };

/** The `partnerAuthLint.*` settings as the client stores them. */
export interface Settings {
  enable: boolean;
  /** 'auto' defers to `.partner-auth-lint.json` (then 'unknown'). */
  partnerType: PartnerTypeSetting;
  rules: Record<string, SeverityOverride>;
  exclude: string[];
  run: RunMode;
  /** A suppression comment without a reason is reported as a warning (also `requireSuppressionReason` in the config file). */
  requireSuppressionReason: boolean;
  /** Where quick fixes read secrets and write rotated refresh tokens; null defers to `.partner-auth-lint.json` (then environment). */
  secretStore: SecretStoreSetting | null;
  /** Scan the workspace folder when the server starts (as "Scan Workspace" does). */
  scanOnStartup: boolean;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  partnerType: 'auto',
  rules: {},
  exclude: [],
  run: 'onType',
  requireSuppressionReason: false,
  secretStore: null,
  scanOnStartup: false,
  trace: { server: 'off' },
};

/** Sent by the client in `initialize`: VS Code workspace trust. */
export interface InitializationOptions {
  trusted?: boolean;
}

/** Client-side commands (code actions reference `openRuleDocs`). */
export const Commands = {
  restartServer: 'partnerAuthLint.restartServer',
  showOutput: 'partnerAuthLint.showOutput',
  openRuleDocs: 'partnerAuthLint.openRuleDocs',
  showProblems: 'partnerAuthLint.showProblems',
  /** "Scan Workspace": sends `ScanWorkspaceRequest`; the server reports progress. */
  scanWorkspace: 'partnerAuthLint.scanWorkspace',
  /** "Decode Token": selection, else a token on the clipboard, else an input box; from a hover link: `TokenLinkArgs`. */
  decodeToken: 'partnerAuthLint.decodeToken',
  /** "Verify Token Signature with JWKS File…": the same input, checked against a JWKS file the user picks. */
  verifyTokenSignature: 'partnerAuthLint.verifyTokenSignature',
  /** "Show Readiness Report": a webview of `ReadinessReportRequest`'s result. */
  showReadinessReport: 'partnerAuthLint.showReadinessReport',
} as const;

/** Request `partnerAuthLint/rules`: the rule catalog, for the "Open Rule Documentation" picker. */
export const RulesRequest = 'partnerAuthLint/rules';
export interface RuleInfo {
  id: string;
  title: string;
  url: string;
}

/** Notification `partnerAuthLint/status`: the server reports trouble (bad config, rule errors) for the status bar. */
export const StatusNotification = 'partnerAuthLint/status';
export interface StatusParams {
  state: 'ok' | 'warning' | 'error';
  message?: string;
}

/**
 * Request `partnerAuthLint/scanWorkspace` (no params): scan every workspace folder with work-done progress
 * (cancellable); closed files' findings are published (push) or served by `workspace/diagnostic` (pull).
 * Resolves when the scan ends (also when cancelled).
 */
export const ScanWorkspaceRequest = 'partnerAuthLint/scanWorkspace';
export interface ScanSummary {
  /** Files the scan covers (after .gitignore, ignore globs and `exclude`). */
  files: number;
  /** Files done (less than `files` when cancelled); open documents count as done (they use the editor text). */
  done: number;
  /** Findings shown for the scanned closed files. */
  findings: number;
  /** Findings left out because the folder's `.partner-auth-lint-baseline.json` lists them. */
  baselined: number;
  cancelled: boolean;
}

/** Notification `partnerAuthLint/baselined`: how many findings the baseline hides across open and scanned files. */
export const BaselinedNotification = 'partnerAuthLint/baselined';
export interface BaselinedParams {
  count: number;
}

/** What a diagnostic carries in `data`, so code actions are rebuilt without a server-side cache. */
export interface DiagnosticData {
  ruleId: string;
  fixes: FixData[];
}
export interface FixData {
  title: string;
  preferred?: boolean;
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
}

/** An LSP range (0-based lines, UTF-16 characters), declared here so the client compiles this file alone. */
export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * Request `partnerAuthLint/decodeToken`: inspect a token offline in the server (one engine: rules/token).
 * Either `text` (selection, clipboard or input box: the token crosses the stdio/IPC pipe and nothing else),
 * or `textDocument` + `range` of a document the server has open: the server re-reads the text itself, so
 * a hover link never carries the token (the string literal at the range is read unescaped).
 */
export const DecodeTokenRequest = 'partnerAuthLint/decodeToken';
export interface DecodeTokenParams {
  text?: string;
  textDocument?: { uri: string };
  range?: LspRange;
  /** Opt-in signature check: the text of a JWKS file the user chose (public keys only; never fetched). */
  jwks?: string;
}
export interface DecodeTokenResult {
  input: 'jwt' | 'saml' | 'invalid';
  /** The Partner Center verdict: accept, reject-mfa-required, app-only, wrong-audience, expired or not-a-token. */
  partnerCenter: string;
  /** One line: "Partner Center: ACCEPT - <reason>". */
  summary: string;
  /** At most the first 8 characters of the token and an ellipsis, or null. Never the token. */
  tokenId: string | null;
  /** The report: verdict first, then a summary table, notes and a table of claims. */
  markdown: string;
  signature?: { valid: boolean; reason: string };
}

/** Arguments of the `decodeToken` command in a hover's command link: where the token is, never the token. */
export interface TokenLinkArgs {
  uri: string;
  range: LspRange;
}

/**
 * Request `partnerAuthLint/readinessReport` (no params): scan every workspace folder (open documents: the
 * editor text) and return the readiness report, the same data as `partner-auth-lint report --format json`
 * run in the folder. `files` maps each report path to its document URI (rows of the webview open them).
 */
export const ReadinessReportRequest = 'partnerAuthLint/readinessReport';
export interface ReadinessReportResult {
  report: ReadinessReportData;
  files: Record<string, string>;
}

// The report's shape (rules/report/readiness.ts ReadinessReport), repeated so the client compiles this file alone;
// the server assigns the engine's report to it, so the compiler checks the two agree.
export type ReportCallSiteKind = 'sam-refresh-token' | 'interactive' | 'token-injection' | 'app-only' | 'password';
export type ReportAudience = 'partner-center' | 'graph' | 'arm' | 'exchange' | 'other';
export type ReportKindCounts = { total: number } & Record<ReportCallSiteKind, number>;
export interface ReportLocation {
  file: string;
  /** 1-based; columns in UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  language: string;
}
export interface ReadinessReportData {
  version: 1;
  partnerType: 'csp' | 'cpv' | 'unknown';
  files: number;
  headline: {
    mfa: { capable: number; password: number; total: number; percent: number | null };
    storedCredentials: number;
    partnerCenterAppOnly: { count: number; verdict: 'not-allowed' | 'allowed' | 'check' };
    globalAdminConsent: number;
  };
  callSites: {
    total: number;
    byKind: ReportKindCounts;
    appOnlyByAudience: Record<ReportAudience, number>;
    byLanguage: Record<string, ReportKindCounts>;
    byFolder: Record<string, ReportKindCounts>;
    items: (ReportLocation & { kind: ReportCallSiteKind; api: string; audience?: ReportAudience })[];
  };
  findings: {
    total: number;
    byRule: Record<string, number>;
    bySeverity: Record<'error' | 'warning' | 'info', number>;
    byLanguage: Record<string, number>;
    byFolder: Record<string, number>;
    items: (ReportLocation & { ruleId: string; severity: 'error' | 'warning' | 'info'; message: string })[];
  };
}
