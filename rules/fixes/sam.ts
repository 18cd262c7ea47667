// Shared pieces of the Secure Application Model rewrites (quick fixes that replace a password sign-in):
// the names of the settings and secrets they read, the reads themselves (from the configured secret
// store), the write-back of the rotated refresh token, statement boundaries and fresh variable names.
import type { Call, LanguageId, Pair, Range, ScopeId } from '../model/types';
import type { RuleContext, SecretStore, TextEdit } from '../engine/types';
import type { ImportNeed } from './imports';
import { envName, readSecret, vaultSecretName, writeSecret } from './store';
import { indentAt, lineEnd, lineStart } from './text';

/** Secrets (read from the configured store) and settings (environment variables: identifiers, not secrets). */
export const REFRESH_TOKEN = 'PARTNER_REFRESH_TOKEN';
export const APP_SECRET = 'PARTNER_APP_SECRET';
export const APP_ID = 'PARTNER_APP_ID';
export const TENANT_ID = 'PARTNER_TENANT_ID';
export const ACCOUNT_UPN = 'PARTNER_ACCOUNT_UPN';

export type CodeLanguage = 'powershell' | 'csharp' | 'python' | 'javascript' | 'typescript' | 'java';

/** The language code is written in: inline PowerShell in pipeline YAML is PowerShell. Undefined for config formats. */
export function codeLanguage(language: LanguageId): CodeLanguage | undefined {
  if (language === 'yaml') return 'powershell';
  return (['powershell', 'csharp', 'python', 'javascript', 'typescript', 'java'] as const).find((l) => l === language);
}

/** Collects the code a fix generates in one language and the imports that code needs. */
export class Snippets {
  readonly imports: ImportNeed[] = [];
  readonly store: SecretStore;

  constructor(
    readonly language: CodeLanguage,
    store: SecretStore | undefined,
  ) {
    this.store = store ?? { kind: 'environment' };
  }

  need(...imports: ImportNeed[]): void {
    for (const i of imports) if (!this.imports.some((x) => x.module === i.module && (x.names ?? []).join() === (i.names ?? []).join())) this.imports.push(i);
  }

  /** An expression reading a secret from the configured store (TypeScript: asserted non-null, APIs want a string). */
  secret(name: string): string {
    const s = readSecret(this.language, this.store, name)!;
    this.need(...s.imports);
    return this.language === 'typescript' ? `${s.code}!` : s.code;
  }

  /** An expression reading a non-secret setting (an application or tenant id) from an environment variable. */
  setting(name: string): string {
    const s = readSecret(this.language, { kind: 'environment' }, name)!;
    this.need(...s.imports);
    return this.language === 'typescript' ? `${s.code}!` : s.code;
  }

  /** Where the refresh token lives, as a person reads it: `PARTNER_REFRESH_TOKEN` or Key Vault secret `PartnerRefreshToken`. */
  secretLabel(name: string): string {
    return this.store.kind === 'environment' ? envName(name) : `Key Vault secret ${vaultSecretName(name)}`;
  }

  /**
   * Statements that write the rotated refresh token `valueCode` back. Key Vault: the store's write. Environment
   * variables cannot be persisted from code (refresh-token.ts), so the store's TODO comment says where to; then
   * the process environment is updated so later exchanges in this run use the newest token.
   */
  writeBack(valueCode: string): string[] {
    const w = writeSecret(this.language, this.store, REFRESH_TOKEN, valueCode)!;
    this.need(...w.imports);
    if (this.store.kind !== 'environment') return [w.code];
    const env = envName(REFRESH_TOKEN);
    switch (this.language) {
      case 'powershell':
        return [w.code, `$env:${env} = ${valueCode}`];
      case 'csharp':
        this.need({ module: 'System' });
        return [w.code, `Environment.SetEnvironmentVariable("${env}", ${valueCode});`];
      case 'python':
        this.need({ module: 'os' });
        return [w.code, `os.environ["${env}"] = ${valueCode}`];
      case 'javascript':
      case 'typescript':
        return [w.code, `process.env.${env} = ${valueCode};`];
      case 'java':
        return [w.code];
    }
  }
}

/** Where a call stands as a statement: its line, indentation, an `await` before it and the variable it is assigned to. */
export interface Statement {
  /** Start of the line holding the statement. */
  lineStart: number;
  indent: string;
  /** Offset where the expression statement starts (before `await`). */
  exprStart: number;
  /** The call is the whole statement (`call`, `await call`, optionally `;` and a comment after it). */
  bare: boolean;
  awaited: boolean;
  /** The variable the call's value (or its awaited / chained result) is assigned to, when it is one. */
  target?: string;
  /** End of the statement's last line (the place to add lines after it). */
  end: number;
}

/** Calls that only run or unwrap the request they are chained on (MSAL builders, tasks, futures). */
const CHAIN_RUNNERS = /^(ExecuteAsync|ConfigureAwait|GetAwaiter|GetResult|get|join)$/;

/** The outermost expression of a call chain that only runs the call (`app.F(x).ExecuteAsync()`), as a range. */
function chainTop(ctx: RuleContext, call: Call): Range {
  let top: Range = call.range;
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of ctx.calls) {
      if (CHAIN_RUNNERS.test(c.name) && c.receiver && c.receiver.range.start === top.start && c.receiver.range.end === top.end && c.range.end > top.end) {
        top = c.range;
        changed = true;
      }
    }
  }
  return top;
}

export function statementOf(ctx: RuleContext, call: Call): Statement {
  const text = ctx.model.text;
  const top = chainTop(ctx, call);
  const ls = lineStart(text, top.start);
  let exprStart = top.start;
  const awaitMatch = /\bawait\s+$/.exec(text.slice(ls, top.start));
  if (awaitMatch) exprStart = ls + awaitMatch.index;
  const before = text.slice(ls, exprStart);
  const lastLineEnd = lineEnd(text, top.end);
  const after = text.slice(top.end, lastLineEnd);
  const bare = /^\s*$/.test(before) && /^\s*;?\s*((#|\/\/).*)?$/.test(after);
  const assignment = ctx.assignments.find((a) => a.target.length === 1 && a.range.start >= ls && a.value.range.start >= exprStart && a.value.range.start <= top.start && a.value.range.end >= top.end);
  const target = assignment?.target[0];
  return { lineStart: ls, indent: indentAt(text, top.start), exprStart, bare, awaited: !!awaitMatch, target, end: lastLineEnd };
}

/** Whether the text before `offset` on its line is only indentation (optionally an assignment `x = `). */
export function startsLine(text: string, offset: number, allowAssignment = false): boolean {
  const before = text.slice(lineStart(text, offset), offset);
  return /^\s*$/.test(before) || (allowAssignment && /^\s*[\w$:.\[\]<>, ]+\s*=\s*(await\s+)?$/.test(before));
}

/**
 * Variable names a fix introduces, unique in the file: a name the file already uses, or one an earlier
 * fix in the same file took, gets a number (`response2`), so fixes applied together never clash.
 */
export class NameAllocator {
  private taken = new Set<string>();

  constructor(ctx: RuleContext) {
    const add = (n: string) => this.taken.add(n.toLowerCase());
    for (const a of ctx.assignments) add(a.target[0]);
    for (const p of ctx.model.parameters) add(p.name);
    for (const r of ctx.references) if (r.kind === 'name') add(r.name);
    // Declarations the model does not list as assignments (`const { a } = …`, `catch (e)`): any identifier in the text.
    for (const m of ctx.model.text.matchAll(/[A-Za-z_$][\w$]*/g)) add(m[0].replace(/^\$/, ''));
  }

  /** A fresh name based on `base` (reserved from now on). */
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name.toLowerCase()); i++) name = `${base}${i}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}

/** Per-file state shared by every fix of one lint run (names taken by earlier fixes), built on first use. */
export interface FixSession {
  ctx: RuleContext;
  readonly names: NameAllocator;
}

export function newSession(ctx: RuleContext): FixSession {
  let names: NameAllocator | undefined;
  return {
    ctx,
    get names() {
      return (names ??= new NameAllocator(ctx));
    },
  };
}

/** Lines inserted after the statement ending at `end` (a line end), at `indent`. */
export function linesAfter(end: number, indent: string, lines: readonly string[], eol: string): TextEdit {
  return { range: { start: end, end }, text: lines.map((l) => eol + (l ? indent + l : l)).join('') };
}

/** Lines inserted at `lineStartOffset` (before that line), at `indent`. */
export function linesBefore(lineStartOffset: number, indent: string, lines: readonly string[], eol: string): TextEdit {
  return { range: { start: lineStartOffset, end: lineStartOffset }, text: lines.map((l) => (l ? indent + l : l) + eol).join('') };
}

/** True when `inner` lies within `outer`. */
export function within(inner: Range, outer: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The scope chain of `scope` (itself first, the file last). */
export function scopeChain(ctx: RuleContext, scope: ScopeId): ScopeId[] {
  const out: ScopeId[] = [scope];
  for (let s = scope, guard = 0; s !== 0 && guard < 64; guard++) {
    const parent = ctx.model.scopes.find((x) => x.id === s)?.parent ?? 0;
    out.push(parent);
    s = parent;
  }
  return out;
}

/** The source range of an entry: key to value (a TypeScript non-null `!` after the value included). */
export function entryRange(text: string, p: Pair): { start: number; end: number } {
  const start = Math.min(p.keyRange.start, p.value.range.start);
  let end = Math.max(p.keyRange.end, p.value.range.end);
  while (text[end] === '!') end++;
  // C# `{ "k", v }`, `["k"] = v` and `new KeyValuePair<…>("k", v)`: the pair's own range is the whole entry.
  if (p.range.start < start && p.range.end >= end && /^(\{|\[|new\b)/.test(text.slice(p.range.start, start))) return { start: p.range.start, end: p.range.end };
  return { start, end };
}

/** Removes an entry with one separator: its whole line when it stands alone on it, else the `,` / `;` after (or before) it. */
export function deleteEntry(text: string, r: { start: number; end: number }): TextEdit {
  const ls = text.lastIndexOf('\n', r.start - 1) + 1;
  const le = lineEnd(text, r.end);
  const before = text.slice(ls, r.start);
  const after = text.slice(r.end, le);
  if (/^\s*$/.test(before) && /^\s*[,;]?\s*$/.test(after)) {
    const next = text.indexOf('\n', r.end);
    return { range: { start: ls, end: next < 0 ? text.length : next + 1 }, text: '' };
  }
  const follow = /^\s*[,;]\s*/.exec(after);
  if (follow) return { range: { start: r.start, end: r.end + follow[0].length }, text: '' };
  const lead = /\s*[,;]\s*$/.exec(before);
  if (lead) return { range: { start: ls + lead.index, end: r.end }, text: '' };
  return { range: r, text: '' };
}
