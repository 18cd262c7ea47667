// The shared model: what every language adapter produces and the only thing rules see.
// Invariant: no parser tree, no LSP type, no editor concept appears here.

/** Half-open [start, end) offsets into the file text, in UTF-16 code units (JS string indices). */
export interface Range {
  start: number;
  end: number;
}

export type LanguageId =
  | 'powershell'
  | 'csharp'
  | 'python'
  | 'javascript'
  | 'typescript'
  | 'java'
  | 'json'
  | 'yaml'
  | 'dotenv'
  | 'xml'
  | 'properties';

/** Scope id: 0 is the file / module level; each function, method, lambda or script block gets its own id. */
export type ScopeId = number;

/**
 * An expression, reduced to what rules need. Adapters build these; the engine's resolver later
 * fills `value` (the statically known string) and `def` (the expression a name refers to).
 */
export type Expr =
  | StringExpr
  | ConcatExpr
  | LiteralExpr
  | NameExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | ObjectExpr
  | ArrayExpr
  | SpreadExpr
  | UnknownExpr;

interface ExprBase {
  range: Range;
  /** Statically known string value (filled by the resolver for strings, concatenations and names). */
  value?: string;
}

/** A string literal with no interpolation (or a heredoc/here-string/verbatim string). `text` is the unescaped content. */
export interface StringExpr extends ExprBase {
  kind: 'string';
  text: string;
  /** Range of the content without quotes. */
  contentRange: Range;
}

/**
 * A string built from parts: template literal, f-string, interpolated $"..." string, PowerShell
 * expandable string, `a + b` concatenation of strings, String.Format/-f with a literal format.
 */
export interface ConcatExpr extends ExprBase {
  kind: 'concat';
  parts: Expr[];
}

/** Number, boolean, null/None/$null. `text` is the source text. */
export interface LiteralExpr extends ExprBase {
  kind: 'literal';
  text: string;
}

/** A bare identifier or PowerShell variable (`$name`, without the `$`; `env:X` stays as `env:X`). */
export interface NameExpr extends ExprBase {
  kind: 'name';
  name: string;
  scope: ScopeId;
  /** Filled by the resolver: the expression last assigned to this name before this use. */
  def?: Expr;
  /** Filled by the resolver: where that assignment is. */
  defRange?: Range;
  /** True when the name is a parameter of the enclosing function/script (`param(...)`). */
  isParameter?: boolean;
}

/** Member access `a.b.c` (also `$a.b`, `a?.b`, `a::b` static). `path` holds every segment, e.g. ['process','env','PASSWORD']. */
export interface MemberExpr extends ExprBase {
  kind: 'member';
  object: Expr;
  property: string;
  path: string[];
}

/** Index access `a["key"]`, `$h['key']`, `os.environ['X']`. `key` is the index expression. */
export interface IndexExpr extends ExprBase {
  kind: 'index';
  object: Expr;
  key: Expr;
  /** Dotted path of the object plus the key when it is a string literal, e.g. ['os','environ','X']. */
  path: string[];
}

/** A call, constructor call or PowerShell command used as a value. */
export interface CallExpr extends ExprBase {
  kind: 'call';
  call: Call;
}

/** Object literal, hashtable, dict, anonymous object, collection/object initializer. */
export interface ObjectExpr extends ExprBase {
  kind: 'object';
  entries: Pair[];
  /** Spread / splat elements inside the object (`...base`, `**base`). */
  spreads: Expr[];
  /** For initializers: the constructed type's name, e.g. 'Dictionary', 'FormUrlEncodedContent'. */
  typeName?: string;
}

export interface ArrayExpr extends ExprBase {
  kind: 'array';
  items: Expr[];
}

/** `...x`, `*x`, `**x`, PowerShell `@splat`. */
export interface SpreadExpr extends ExprBase {
  kind: 'spread';
  argument: Expr;
}

/** Anything the adapter does not model. Never dropped: it keeps its range and source text. */
export interface UnknownExpr extends ExprBase {
  kind: 'unknown';
  text: string;
  /** Sub-expressions worth seeing (e.g. operands of an arithmetic expression, a lambda's calls are separate). */
  children?: Expr[];
}

/** A named argument: C# `name: value`, Python `name=value`, PowerShell `-Name value` or `-Switch` (value undefined), `-Name:value`. */
export interface NamedArg {
  name: string;
  nameRange: Range;
  value?: Expr;
  range: Range;
}

export interface Call {
  /**
   * 'call': f(x), a.b.f(x). 'new': new T(x), Python/Kotlin-style T(x) is 'call'.
   * 'command': a PowerShell command (`Verb-Noun -P v`, also `& $cmd`, .NET static calls are 'call').
   */
  kind: 'call' | 'new' | 'command';
  /** Callee path segments: ['app','AcquireTokenByUsernamePassword'], ['Connect-MsolService'], ['msal','PublicClientApplication'], ['System','Net','NetworkCredential']. Generic type args stripped. */
  callee: string[];
  /** Last segment of the callee (method, function, command or type name). */
  name: string;
  /** The object the method is called on (`app` in app.F()), when there is one. */
  receiver?: Expr;
  args: Expr[];
  named: NamedArg[];
  /** PowerShell pipeline input: in `$s | ConvertTo-SecureString -AsPlainText`, the expression `$s`. */
  input?: Expr;
  range: Range;
  calleeRange: Range;
  /** Range of the method name (or command name) alone, used for precise highlighting. */
  nameRange: Range;
  scope: ScopeId;
}

/** `target = value` in any form: declarations, assignments, PowerShell `$x = ...`, Python `x = ...`, properties `obj.Prop = ...`. */
export interface Assignment {
  /** Target path: ['x'] for a variable, ['client','Credentials'] for a property, ['env:PASSWORD'] for $env:PASSWORD. */
  target: string[];
  targetRange: Range;
  value: Expr;
  range: Range;
  scope: ScopeId;
  /** const/readonly/final/module-level constant. */
  isConst?: boolean;
}

export type PairContainer =
  | 'object' // JS/TS object literal, C# anonymous object
  | 'hashtable' // PowerShell @{}
  | 'dict' // Python dict literal or dict(k=v)
  | 'initializer' // C# collection/object initializer, Java map builders (Map.of, put)
  | 'json'
  | 'yaml'
  | 'env'
  | 'xml' // XML element/attribute config entries (<add key=".." value=".."/>, attributes)
  | 'properties' // .properties / .ini
  | 'form' // derived by the engine from a form-urlencoded string or query string
  | 'params'; // derived by the engine from URLSearchParams.set/append, dict item assignment, .put(k, v), .Add(k, v)

/** A key/value pair in any container. `path` is the full key path for nested config (['ConnectionStrings','Default']). */
export interface Pair {
  key: string;
  keyRange: Range;
  value: Expr;
  range: Range;
  container: PairContainer;
  path: string[];
  scope: ScopeId;
}

export interface Import {
  /** Module / namespace / package name as written: 'msal', 'Microsoft.Identity.Client', '@azure/msal-node', 'MSOnline', 'com.microsoft.aad.adal4j.AuthenticationContext'. */
  module: string;
  range: Range;
  kind: 'import' | 'using' | 'require' | 'module' | 'requires' | 'package';
  /** Imported names (`from msal import PublicClientApplication`, `import { X } from`), when listed. */
  names?: string[];
}

export interface Comment {
  /** Text without the comment markers. */
  text: string;
  range: Range;
}

/** Everything an adapter produces for one file (or one embedded region mapped back into its file). */
export interface FileModel {
  language: LanguageId;
  text: string;
  calls: Call[];
  assignments: Assignment[];
  pairs: Pair[];
  /** Every string-valued expression in source order (StringExpr and ConcatExpr, also config values), including those nested in calls and pairs. */
  strings: Expr[];
  imports: Import[];
  comments: Comment[];
  /**
   * Every name, member access and index access the adapter read, wherever it stands (arguments,
   * return values, conditions, expression statements), in the order built. Lets rules ask whether a
   * value is ever used (e.g. a token response's rotated refresh token).
   */
  references: (NameExpr | MemberExpr | IndexExpr)[];
  /** Regions the parser could not read (syntax errors). Findings elsewhere still count. */
  errors: Range[];
  /** Names declared as function/script parameters, per scope (values come from the caller). */
  parameters: { name: string; scope: ScopeId; range: Range; /** Declared type as written (C#, Java), e.g. 'CancellationToken'. */ type?: string }[];
  /** Every scope but 0 (the file), with its enclosing scope; names resolve outward along `parent`. */
  scopes: { id: ScopeId; parent: ScopeId; range: Range }[];
}

export function emptyModel(language: LanguageId, text: string): FileModel {
  return { language, text, calls: [], assignments: [], pairs: [], strings: [], imports: [], comments: [], references: [], errors: [], parameters: [], scopes: [] };
}

/** Adds `e` to `model.references` when it is a name, member or index access (once: wrappers hand back the same object). */
export function noteReference(model: FileModel, e: Expr): Expr {
  if ((e.kind === 'name' || e.kind === 'member' || e.kind === 'index') && model.references[model.references.length - 1] !== e) model.references.push(e);
  return e;
}
