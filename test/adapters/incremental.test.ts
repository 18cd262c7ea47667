// Incremental parsing for editor documents (LintOptions.document): after any sequence of edits, the model and the
// findings are exactly those of a fresh parse of the same text, for every tree-sitter language; kept trees are
// released when the document is forgotten.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getAdapter } from '../../rules/adapters/index';
import { editBetween, forgetTrees, keptStats, parserFor, type TreeSitterLanguage } from '../../rules/adapters/treesitter';
import { forgetDocument, lint } from '../../rules/engine/lint';
import type { LanguageId } from '../../rules/model/types';
import { FIXTURE_FILE } from '../helpers/fixtures';
import { Rng } from '../fuzz/prng';

const RULES_DIR = path.resolve(__dirname, '../../rules');
const LANGUAGES: LanguageId[] = ['powershell', 'csharp', 'python', 'java'];

/**
 * The rule fixtures of the language that parse without syntax errors, one after the other: a long, varied,
 * realistic file (texts with syntax errors are parsed afresh, so they would not exercise the reuse of trees).
 */
async function corpus(language: LanguageId): Promise<string> {
  const texts = fs
    .readdirSync(RULES_DIR)
    .map((d) => path.join(RULES_DIR, d, 'fixtures', FIXTURE_FILE[language]))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'));
  const clean: string[] = [];
  for (const t of texts) if (await parsesClean(language, t)) clean.push(t);
  return clean.join('\n');
}

/** The text parses without syntax errors (tree-sitter alone). */
async function parsesClean(language: LanguageId, text: string): Promise<boolean> {
  const parser = await parserFor(language as TreeSitterLanguage);
  try {
    const tree = parser.parse(text)!;
    const clean = !tree.rootNode.hasError;
    tree.delete();
    return clean;
  } finally {
    parser.delete();
  }
}

/** An edit that keeps the file well-formed: rename an identifier, add a blank line, change a string's content. */
function tidyEdit(rng: Rng, text: string): string {
  switch (rng.int(3)) {
    case 0: {
      const m = rng.pick([...text.matchAll(/(?<=[A-Za-z])[a-z](?=[a-z])/g)]);
      return text.slice(0, m.index) + rng.pick(['q', 'z', 'x']) + text.slice(m.index + 1);
    }
    case 1: {
      const line = text.indexOf('\n', rng.int(text.length));
      return line < 0 ? `${text}\n` : `${text.slice(0, line)}\n${text.slice(line)}`;
    }
    default: {
      const m = rng.pick([...text.matchAll(/"[A-Za-z0-9 ._-]{3,}"/g)]);
      return `${text.slice(0, m.index + 1)}edited ${text.slice(m.index + 1)}`;
    }
  }
}

/** A version in the middle of typing: a character typed, a range deleted, a line pasted elsewhere, a bracket dropped. */
function roughEdit(rng: Rng, text: string): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(6)) {
    case 0:
      return text.slice(0, at) + rng.pick(['a', ' ', '\n', '(', ')', '"', "'", '{', '}', '$', '=', ';', '#', '.']) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + rng.range(1, 40)));
    case 2: {
      const from = rng.int(text.length);
      const start = text.lastIndexOf('\n', from) + 1;
      const end = text.indexOf('\n', from);
      return text.slice(0, at) + text.slice(start, end < 0 ? text.length : end + 1) + text.slice(at);
    }
    case 3: {
      const line = text.lastIndexOf('\n', at - 1) + 1;
      return `${text.slice(0, line)}    $password = "hunter2-typed-here"; client.AcquireTokenByUsernamePassword(s, u, p)\n${text.slice(line)}`;
    }
    case 4:
      return text.slice(0, at) + text.slice(at).replace(/[)}\]]/, '');
    default:
      return text.slice(0, at) + 'x'.repeat(rng.range(1, 5)) + text.slice(at);
  }
}

/** The model as data (objects shared between lists compare by content). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('incremental parsing of editor documents', function () {
  this.timeout(120_000);

  it('editBetween describes the changed middle with rows and columns', () => {
    assert.deepEqual(editBetween('ab\ncd\nef', 'ab\ncXYd\nef'), {
      startIndex: 4,
      oldEndIndex: 4,
      newEndIndex: 6,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 1 },
      newEndPosition: { row: 1, column: 3 },
    });
    assert.deepEqual(editBetween('a\nb\nc', 'a\nc'), {
      startIndex: 2,
      oldEndIndex: 4,
      newEndIndex: 2,
      startPosition: { row: 1, column: 0 },
      oldEndPosition: { row: 2, column: 0 },
      newEndPosition: { row: 1, column: 0 },
    });
    assert.deepEqual(editBetween('same', 'same'), {
      startIndex: 4,
      oldEndIndex: 4,
      newEndIndex: 4,
      startPosition: { row: 0, column: 4 },
      oldEndPosition: { row: 0, column: 4 },
      newEndPosition: { row: 0, column: 4 },
    });
  });

  for (const language of LANGUAGES) {
    it(`${language}: 40 random edits of the joined rule fixtures give the fresh parse's model and findings`, async () => {
      const adapter = await getAdapter(language);
      const rng = new Rng(language.length * 7919);
      const document = `file:///incremental/${language}`;
      const fileName = `/incremental/doc.${FIXTURE_FILE[language].split('.').pop()}`;
      // A person's session: well-formed versions, each sometimes followed by a version in the middle of typing.
      let clean = await corpus(language);
      let text = clean;
      let findings = 0;
      const before = { ...keptStats };
      try {
        for (let i = 0; i < 40; i++) {
          if (i > 0) {
            text = rng.chance(0.3) ? roughEdit(rng, clean) : tidyEdit(rng, clean);
            // A tidy edit that still broke the syntax (a renamed keyword) is a version in the middle of typing too.
            if (await parsesClean(language, text)) clean = text;
          }
          const kept = await adapter.parse(text, language, fileName, undefined, { document });
          const fresh = await adapter.parse(text, language, fileName);
          const differ = Object.keys(fresh).filter((k) => JSON.stringify((kept as any)[k]) !== JSON.stringify((fresh as any)[k]));
          assert.deepEqual(differ, [], `model after edit ${i} differs in ${differ.join(', ')}`);
          if (i % 10 === 0) {
            const a = await lint(text, fileName, { language, document, today: '2026-01-01' });
            const b = await lint(text, fileName, { language, today: '2026-01-01' });
            assert.deepEqual(plain(a!.findings), plain(b!.findings), `findings after edit ${i}`);
            findings += b!.findings.length;
          }
        }
      } finally {
        forgetDocument(document);
      }
      assert.ok(findings > 0, 'the corpus has findings to compare');
      // Both paths ran: trees reused for well-formed versions, fresh parses for versions with syntax errors.
      assert.ok(keptStats.incremental - before.incremental >= 10, `incremental parses: ${keptStats.incremental - before.incremental}`);
      assert.ok(keptStats.fresh - before.fresh >= 3, `fresh parses after an error: ${keptStats.fresh - before.fresh}`);
    });
  }

  it('a forgotten document parses from scratch (its trees are released), others keep theirs', async () => {
    const adapter = await getAdapter('csharp');
    const text = await corpus('csharp');
    await adapter.parse(text, 'csharp', 'a.cs', undefined, { document: 'file:///a.cs' });
    await adapter.parse(text, 'csharp', 'b.cs', undefined, { document: 'file:///b.cs' });
    forgetTrees('file:///a.cs');
    // Parsing the changed text for both still gives the fresh model (a.cs from scratch, b.cs incrementally).
    const changed = text.replace('class', 'class ');
    for (const doc of ['file:///a.cs', 'file:///b.cs']) {
      assert.deepEqual(plain(await adapter.parse(changed, 'csharp', 'x.cs', undefined, { document: doc })), plain(await adapter.parse(changed, 'csharp', 'x.cs')));
      forgetDocument(doc);
    }
  });
});
