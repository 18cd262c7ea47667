// What rules produce and how they are described: Finding, Fix, RuleMeta, Rule.
import type { Call, Comment, Expr, FileModel, Import, IndexExpr, LanguageId, MemberExpr, NameExpr, NamedArg, Pair, Range, Assignment } from '../model/types';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type PartnerType = 'csp' | 'cpv' | 'unknown';

export interface TextEdit {
  range: Range;
  text: string;
}

/** A fix as plain data. `safe` fixes preserve behaviour and may be applied by `partner-auth-lint fix`. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
  safe?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  range: Range;
  message: string;
  fixes: Fix[];
  /** 'deprecated' for retired APIs and libraries (editors strike them through). */
  tags?: 'deprecated'[];
}

/** Where quick fixes read secrets from and write rotated refresh tokens to (`partnerAuthLint.secretStore`). */
export type SecretStore = { kind: 'environment' } | { kind: 'keyVault'; vaultName: string };

export interface RuleOptions {
  partnerType: PartnerType;
  /** Default: environment variables. */
  secretStore?: SecretStore;
  /** What times (token expiry) are compared against: the clock, or midnight UTC of LintOptions.today when another day is given. */
  now?: Date;
}

export interface RuleMeta {
  id: string;
  /** One line, imperative: what the rule wants. */
  title: string;
  defaultSeverity: Severity;
  languages: readonly LanguageId[];
  fixable: boolean;
  tags?: 'deprecated'[];
  /** Severity that depends on options (e.g. partnerType); defaults to defaultSeverity. */
  severityFor?(options: RuleOptions): SeveritySetting;
}

export interface ReportInput {
  range: Range;
  message: string;
  fixes?: Fix[];
}

/** What a rule sees: the model, derived facts and value helpers. No parser tree, no editor type. */
export interface RuleContext {
  readonly model: FileModel;
  readonly language: LanguageId;
  readonly fileName: string;
  readonly options: RuleOptions;
  readonly calls: readonly Call[];
  readonly assignments: readonly Assignment[];
  /** Adapter pairs plus derived ones (form bodies, query strings, URLSearchParams.set, dict item assignment). */
  readonly pairs: readonly Pair[];
  readonly strings: readonly Expr[];
  readonly imports: readonly Import[];
  readonly comments: readonly Comment[];
  /** Every read of a name, member or index anywhere in the file, in source order (assignment targets left out). */
  readonly references: readonly (NameExpr | MemberExpr | IndexExpr)[];
  /** Statically known string value. */
  value(e: Expr | undefined): string | undefined;
  /** String text with unknown parts as U+FFFC. */
  approx(e: Expr | undefined): string;
  /** Follow names to what was assigned to them. */
  deref(e: Expr | undefined): Expr | undefined;
  /** Named arguments including splatted ones. */
  named(call: Call): NamedArg[];
  /** The named argument matching one of `names` (case-insensitive; PowerShell commands also accept unambiguous prefixes). */
  arg(call: Call, ...names: string[]): NamedArg | undefined;
  /** Source text of a range. */
  text(range: Range): string;
  report(finding: ReportInput): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
