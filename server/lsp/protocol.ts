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
