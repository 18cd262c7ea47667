// `partner-auth-lint decode [TOKEN|-]`: offline token inspection with the Partner Center verdict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectToken, renderTokenText, tokenExitCode, tokenReportJson, verifyTokenSignature } from '../../rules/token/index';
import type { CliArgs } from './args';
import type { Io } from './main';

export async function runDecode(args: CliArgs, io: Io): Promise<number> {
  if (args.format === 'sarif') {
    io.stderr('partner-auth-lint: decode supports --format text or json\n');
    return 2;
  }
  if (args.paths.length > 1) {
    io.stderr('partner-auth-lint: decode takes one token (or - for standard input)\n');
    return 2;
  }
  const input = args.paths.length === 0 || args.paths[0] === '-' ? await io.stdin() : args.paths[0];
  const report = inspectToken(input);
  let signature: { valid: boolean; reason: string } | undefined;
  if (args.jwks) {
    let jwks: unknown;
    try {
      jwks = JSON.parse(fs.readFileSync(path.resolve(io.cwd, args.jwks), 'utf8'));
    } catch (e) {
      io.stderr(`partner-auth-lint: cannot read JWKS ${args.jwks}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    signature = await verifyTokenSignature(input, jwks);
  }
  if (args.format === 'json') io.stdout(JSON.stringify({ ...tokenReportJson(report), ...(signature ? { signature } : {}) }, null, 2) + '\n');
  else io.stdout(renderTokenText(report) + (signature ? `\nSignature: ${signature.valid ? 'valid' : 'NOT valid'} (${signature.reason})\n` : ''));
  return tokenExitCode(report);
}
