// The CLI run in-process on temp workspaces, for the CLI, governance, report and per-rule `fix` tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `partner-auth-lint <argv…>` in `cwd`: exit status and everything written (no stdin, not a TTY). */
export async function runCli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), stdin: async () => '', isTTY: false });
  return { code, stdout, stderr };
}

/** A fresh temp folder (`<prefix>XXXXXX`) holding `files` (paths relative to it, folders created). */
export function workspace(files: Record<string, string | Buffer>, prefix = 'pal-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
