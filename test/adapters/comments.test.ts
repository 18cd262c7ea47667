// collectComments looks up each comment opener in the tree instead of visiting every node: it must find exactly
// the comment nodes a full visit finds (descendantsOfType), in order, on every C# and Java file the tests have,
// and on openers inside strings, verbatim strings, text blocks and other comments.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectComments, stripCComment } from '../../rules/adapters/common/extras';
import { parserFor } from '../../rules/adapters/treesitter';
import type { Comment } from '../../rules/model/types';

const ROOT = path.resolve(__dirname, '../..');

function files(dir: string, ext: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'corpus') files(p, ext, out);
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

const TRICKY = {
  csharp: [
    'var u = "https://login.microsoftonline.com/x"; // real comment',
    'var v = @"C:\\\\share//not /* a comment */"; /* block // with slashes */ var w = 1;',
    '/// <summary>doc</summary>\nclass A { string s = $"{a}//{b}"; /* one */ /* two */ }',
    'var raw = """\n  // not a comment\n  """; // after the raw string',
  ],
  java: [
    'class A { String u = "https://graph.microsoft.com"; // real\n /** doc // inside */ int x; }',
    'class B { String t = """\n  /* not a comment */\n  """; /* after */ }',
    'class C { char c = \'/\'; int d = 4 / 2; /* division above */ }',
  ],
} as const;

describe('collectComments (C-style comments found through their openers)', () => {
  for (const [language, ext, types] of [['csharp', '.cs', ['comment']], ['java', '.java', ['line_comment', 'block_comment']]] as const) {
    it(`${language}: the same comments as a visit of every node, on every ${ext} file of the repository's tests and on tricky text`, async () => {
      const parser = await parserFor(language);
      const texts = [...files(path.join(ROOT, 'rules'), ext), ...files(path.join(ROOT, 'test'), ext)].map((f) => fs.readFileSync(f, 'utf8'));
      texts.push(...TRICKY[language]);
      let total = 0;
      try {
        for (const text of texts) {
          const tree = parser.parse(text)!;
          const found: Comment[] = [];
          collectComments(tree.rootNode, [...types], found);
          const all = tree.rootNode.descendantsOfType([...types]).map((c) => ({ text: stripCComment(c!.text), range: { start: c!.startIndex, end: c!.endIndex } }));
          assert.deepEqual(found, all, text.slice(0, 200));
          total += found.length;
          tree.delete();
        }
      } finally {
        parser.delete();
      }
      assert.ok(total > 50, `comments compared: ${total}`);
    });
  }
});
