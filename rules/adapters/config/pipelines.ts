// Recognizes CI steps whose script is PowerShell: Azure Pipelines tasks and shortcuts, GitHub Actions `run` steps with a pwsh shell.
import { isMap, isScalar, type Scalar, type YAMLMap } from 'yaml';

const PS_TASK = /^(PowerShell|AzurePowerShell|AzureCLI)@\d+$/i;
const INLINE_KEYS = ['inline', 'script', 'inlinescript'];

/** The value of `key` in `map` (keys compared case-insensitively when `ci`), or undefined. */
export function getValue(map: YAMLMap, key: string, ci = false): unknown {
  for (const item of map.items) {
    const k = isScalar(item.key) ? item.key.value : undefined;
    if (typeof k !== 'string') continue;
    if (ci ? k.toLowerCase() === key : k === key) return item.value;
  }
  return undefined;
}

function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function stringScalar(node: unknown): Scalar<string> | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar<string>) : undefined;
}

/** `defaults: { run: { shell: X } }` on a workflow or job: the shell its `run` steps use unless they name one. */
export function defaultShell(map: YAMLMap): string | undefined {
  const defaults = getValue(map, 'defaults');
  if (!isMap(defaults)) return undefined;
  const run = getValue(defaults, 'run');
  return isMap(run) ? stringValue(getValue(run, 'shell')) : undefined;
}

function isPowerShellShell(shell: string | undefined): boolean {
  const first = shell?.trim().split(/\s+/)[0]?.toLowerCase();
  return first === 'pwsh' || first === 'powershell';
}

/**
 * The scalar holding an inline PowerShell script when `step` (an item of a sequence) is a PowerShell step.
 * `inheritedShell` is the nearest enclosing GitHub Actions `defaults.run.shell`.
 */
export function powershellScript(step: YAMLMap, inheritedShell: string | undefined): Scalar<string> | undefined {
  const shortcut = stringScalar(getValue(step, 'powershell')) ?? stringScalar(getValue(step, 'pwsh'));
  if (shortcut) return shortcut;

  const run = stringScalar(getValue(step, 'run'));
  if (run) return isPowerShellShell(stringValue(getValue(step, 'shell')) ?? inheritedShell) ? run : undefined;

  const task = stringValue(getValue(step, 'task'))?.trim();
  const inputs = getValue(step, 'inputs');
  if (!task || !PS_TASK.test(task) || !isMap(inputs)) return undefined;
  if (/^AzureCLI@/i.test(task)) {
    // AzureCLI's scriptType names the shell (bash, batch, ps, pscore); only the PowerShell ones concern us.
    const shell = stringValue(getValue(inputs, 'scripttype', true))?.toLowerCase();
    const location = stringValue(getValue(inputs, 'scriptlocation', true))?.toLowerCase();
    if ((shell !== 'ps' && shell !== 'pscore') || (location !== undefined && location !== 'inlinescript')) return undefined;
  } else {
    // PowerShell@2 says targetType: inline; AzurePowerShell says ScriptType: InlineScript.
    const kind = (stringValue(getValue(inputs, 'targettype', true)) ?? stringValue(getValue(inputs, 'scripttype', true)))?.toLowerCase();
    if (kind !== undefined && kind !== 'inline' && kind !== 'inlinescript') return undefined;
  }
  for (const key of INLINE_KEYS) {
    const script = stringScalar(getValue(inputs, key, true));
    if (script) return script;
  }
  return undefined;
}
