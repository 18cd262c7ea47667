// Adds the import/using/require a fix needs, once, next to the file's existing ones.
import type { FileModel, LanguageId } from '../model/types';
import type { TextEdit } from '../engine/types';
import { eolOf, indentAt, lineEnd } from './text';

/** What a fix's code needs: a namespace (C#), module + names (Python, JS/TS), a class (Java). */
export interface ImportNeed {
  /** C# namespace, Python/JS module, Java fully qualified class. */
  module: string;
  /** Python `from module import names`, JS named imports. */
  names?: string[];
}

/** The statement for `need` in the file's language and module style, or undefined where none is needed (PowerShell autoloads modules). */
export function importStatement(language: LanguageId, need: ImportNeed, model: FileModel): string | undefined {
  switch (language) {
    case 'csharp':
      return `using ${need.module};`;
    case 'java':
      return `import ${need.module};`;
    case 'python':
      return need.names?.length ? `from ${need.module} import ${need.names.join(', ')}` : `import ${need.module}`;
    case 'javascript':
    case 'typescript': {
      const esm = model.imports.some((i) => i.kind === 'import') || (language === 'typescript' && !model.imports.some((i) => i.kind === 'require'));
      const names = need.names?.length ? `{ ${need.names.join(', ')} }` : undefined;
      if (esm) return names ? `import ${names} from '${need.module}';` : `import '${need.module}';`;
      return names ? `const ${names} = require('${need.module}');` : `require('${need.module}');`;
    }
    default:
      return undefined;
  }
}

/** True when the file already imports what `need` asks for. */
export function hasImport(model: FileModel, need: ImportNeed): boolean {
  return model.imports.some((i) => {
    // Java `import a.b.*;` (the adapter may keep the module without `.*`) covers the classes of package a.b.
    const wildcard = model.language === 'java' && (i.module.endsWith('.*') || /\.\*\s*;?\s*$/.test(model.text.slice(i.range.start, i.range.end)));
    if (i.module !== need.module && !(wildcard && need.module.startsWith(i.module.replace(/\.\*$/, '.').replace(/([^.])$/, '$1.')))) return false;
    if (!need.names?.length || model.language === 'csharp' || model.language === 'java') return true;
    // `import os` satisfies `os.environ`; `from m import a` satisfies a need for `a` only.
    return i.names ? need.names.every((n) => i.names!.includes(n) || i.names!.includes('*')) : false;
  });
}

/**
 * Edits adding every missing import, after the last existing import (or at the top of the file:
 * after a Java `package` line, a shebang or a Python module docstring). Imports already present,
 * or asked for twice, are added once.
 */
export function importEdits(model: FileModel, needs: readonly ImportNeed[]): TextEdit[] {
  const text = model.text;
  const eol = eolOf(text);
  const lines: string[] = [];
  for (const need of needs) {
    if (hasImport(model, need)) continue;
    const stmt = importStatement(model.language, need, model);
    if (stmt && !lines.includes(stmt)) lines.push(stmt);
  }
  if (!lines.length) return [];
  // Module-level imports only: an import inside a function (Python, a `require` in a JS function) is no place for new ones.
  const all = [...model.imports].filter((i) => i.kind !== 'package');
  const topLevel = all.filter((i) => indentAt(text, i.range.start) === '');
  const last = (topLevel.length ? topLevel : all).sort((a, b) => b.range.end - a.range.end)[0];
  if (last) {
    const at = lineEnd(text, last.range.end);
    // One edit per line, so that two fixes asking for the same import share it when applied together.
    return lines.map((l) => ({ range: { start: at, end: at }, text: eol + l }));
  }
  const at = topInsertionPoint(model);
  const blankAfter = at < text.length && !/^\r?\n/.test(text.slice(at)) ? eol : '';
  return [{ range: { start: at, end: at }, text: lines.map((l) => l + eol).join('') + blankAfter }];
}

/** Where the first import goes when there is none: after `package …;`, a shebang, or a leading docstring. */
function topInsertionPoint(model: FileModel): number {
  const text = model.text;
  const after = (re: RegExp): number | undefined => {
    const m = re.exec(text);
    if (!m) return undefined;
    const end = m.index + m[0].length;
    const nl = text.indexOf('\n', end);
    return nl < 0 ? text.length : nl + 1;
  };
  if (model.language === 'java') return after(/^\s*package\s+[\w.]+\s*;/m) ?? 0;
  if (model.language === 'python') return after(/^(?:#![^\n]*\n)?(?:#[^\n]*\n)*\s*(?:"""[\s\S]*?"""|'''[\s\S]*?''')/) ?? after(/^#![^\n]*/) ?? 0;
  if (model.language === 'javascript' || model.language === 'typescript') return after(/^(?:#![^\n]*\n)?\s*(['"])use strict\1;?/) ?? after(/^#![^\n]*/) ?? 0;
  return 0;
}
