// Parses inline PowerShell found in a config file and merges its model into the host's, in host coordinates.
import type { Scalar } from 'yaml';
import type { FileModel, StringExpr } from '../../model/types';
import { maxScope, remapModel } from '../../model/remap';
import type { Adapter } from '../adapter';
import type { Budget } from '../budget';
import type { ConfigModel } from './build';
import { mappedContent } from './yamlscalar';

export interface PendingScript {
  node: Scalar;
  /** The scalar as the value of its pair; it joins `strings` only when the script cannot be parsed. */
  expr: StringExpr;
  text: string;
}

/**
 * Each script gets its own scope (its file scope renumbered above every scope used so far), because
 * pipeline steps run in separate processes: a `$cred` in one step is not the `$cred` of another.
 */
export async function embedScripts(
  out: ConfigModel,
  scripts: PendingScript[],
  loadPowerShell: () => Promise<Adapter>,
  fileName: string,
  budget?: Budget,
): Promise<void> {
  if (scripts.length === 0) return;
  let adapter: Adapter | undefined;
  try {
    adapter = await loadPowerShell();
  } catch {
    adapter = undefined;
  }
  let nextScope = maxScope(out.model) + 1;
  for (const script of scripts) {
    const mapped = mappedContent(script.node, script.text);
    let sub: FileModel | undefined;
    try {
      sub = adapter && mapped ? await adapter.parse(mapped.content, 'powershell', fileName, budget) : undefined;
    } catch {
      sub = undefined;
    }
    if (!sub || !mapped) {
      out.string(script.expr);
      continue;
    }
    const top = maxScope(sub);
    const last = mapped.offsets.length - 1;
    const { offsets, ends } = mapped;
    remapModel(
      sub,
      (o) => offsets[o < 0 ? 0 : o > last ? last : o],
      nextScope,
      (e) => (e <= 0 ? offsets[0] : e > ends.length ? offsets[last] : ends[e - 1]),
    );
    nextScope += top + 1;
    merge(out.model, sub);
  }
}

function merge(host: FileModel, sub: FileModel): void {
  append(host.calls, sub.calls);
  append(host.assignments, sub.assignments);
  append(host.pairs, sub.pairs);
  append(host.strings, sub.strings);
  append(host.references, sub.references);
  append(host.imports, sub.imports);
  append(host.comments, sub.comments);
  append(host.errors, sub.errors);
  append(host.parameters, sub.parameters);
  append(host.scopes, sub.scopes);
}

/** Not push(...items): spreading a long script's lists could exceed the argument limit. */
function append<T>(to: T[], items: T[]): void {
  for (const item of items) to.push(item);
}
