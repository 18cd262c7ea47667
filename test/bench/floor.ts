// The parse-only floor for `npm run bench` (bundled by run.ts like dist/cli.js, so both start the same way):
// the CLI's file collection, reading and decoding, then per file either
//   --mode parser  the parser alone (tree-sitter, typescript-estree, jsonc-parser, yaml, saxes; the line formats' adapters)
//   --mode model   the adapters: parser + the shared model the rules read
// and nothing else (no resolution, no rules, no output). `--jobs N`: the main thread and N - 1 worker threads,
// as the CLI's --jobs.
//
//   node floor.js --mode parser|model [--jobs N] --wasm DIR paths...
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort } from 'node:worker_threads';
import { parse as parseEstree } from '@typescript-eslint/typescript-estree';
import { parseTree } from 'jsonc-parser';
import { SaxesParser } from 'saxes';
import { Composer, Parser as YamlParser } from 'yaml';
import { getAdapter } from '../../rules/adapters/index';
import { languageOf } from '../../rules/adapters/languages';
import { isTreeSitterLanguage, parserFor, setWasmDir } from '../../rules/adapters/treesitter';
import { decodeSource } from '../../rules/engine/source';
import { keepHeapUnder } from '../../server/common/heap';
import { collectFiles } from '../../server/common/files';
import { WorkerPool } from '../../server/common/workers';

interface Job {
  file: string;
  mode: 'parser' | 'model';
  wasm: string;
}

async function parseOne(job: Job): Promise<number> {
  setWasmDir(job.wasm);
  const lang = languageOf(job.file);
  if (!lang) return 0;
  const decoded = decodeSource(fs.readFileSync(job.file));
  if (!decoded.ok) return 0;
  const text = decoded.text;
  if (job.mode === 'model') {
    await (await getAdapter(lang)).parse(text, lang, job.file);
  } else if (isTreeSitterLanguage(lang)) {
    const parser = await parserFor(lang);
    parser.parse(text)?.delete();
    parser.delete();
  } else if (lang === 'javascript' || lang === 'typescript') {
    try {
      parseEstree(text, { range: true, loc: false, comment: false, tokens: false, jsx: lang === 'javascript', filePath: job.file, loggerFn: false, suppressDeprecatedPropertyWarnings: true });
    } catch {
      // a syntax error ends the parse: the floor counts what it did
    }
  } else if (lang === 'json') {
    parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } else if (lang === 'yaml') {
    Array.from(new Composer({ keepSourceTokens: true, uniqueKeys: false }).compose(new YamlParser().parse(text)));
  } else if (lang === 'xml') {
    const sax = new SaxesParser({ position: true });
    sax.on('error', () => undefined);
    try {
      sax.write(text).close();
    } catch {
      // saxes stops at the first fatal error
    }
  } else {
    await (await getAdapter(lang)).parse(text, lang, job.file); // .env / .properties: line formats, the adapter is the parser
  }
  keepHeapUnder();
  return 1;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const take = (flag: string) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const mode = (take('--mode') ?? 'parser') as Job['mode'];
  const jobs = Number(take('--jobs') ?? 1);
  const wasm = path.resolve(take('--wasm') ?? 'dist');
  const started = process.hrtime.bigint();
  const { files } = collectFiles(args.map((a) => path.resolve(a)), process.cwd(), [], true);
  // As the CLI's --jobs: the main thread and jobs - 1 workers (4 jobs queued each).
  const pool = new WorkerPool<Job, number>({ failure: () => undefined }, jobs > 1 ? jobs - 1 : 0, __filename, parseOne, () => 0, 4);
  let next = 0;
  let parsed = 0;
  let local = false;
  const lane = async () => {
    while (next < files.length) {
      const job: Job = { file: files[next++], mode, wasm };
      if (local || pool.size === 0) {
        parsed += pool.size === 0 ? await parseOne(job) : await pool.run(job);
        continue;
      }
      local = true;
      parsed += await parseOne(job);
      local = false;
    }
  };
  await Promise.all(Array.from({ length: pool.size === 0 ? 1 : pool.capacity + 1 }, lane));
  pool.dispose();
  process.stdout.write(JSON.stringify({ mode, jobs, files: files.length, parsed, ms: Number(process.hrtime.bigint() - started) / 1e6 }) + '\n');
}

if (isMainThread) {
  main().catch((e: unknown) => {
    process.stderr.write(`floor: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  });
} else {
  parentPort?.on('message', (msg: { id: number; job: Job }) => {
    void parseOne(msg.job).then(
      (out) => parentPort!.postMessage({ id: msg.id, out }),
      () => parentPort!.postMessage({ id: msg.id, out: 0 }),
    );
  });
}
