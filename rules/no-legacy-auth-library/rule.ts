// no-legacy-auth-library: imports of ADAL, the Azure AD Graph client libraries and the MSOnline / AzureAD PowerShell
// modules, in code and in package manifests. One finding per import, never one per call.
import type { Call, Expr, Import, Range } from '../model/types';
import type { Rule, RuleContext } from '../engine/types';
import { lineOf } from '../common/report';

/** Where a name is looked up: each ecosystem spells its packages differently. */
type Eco = 'psmodule' | 'dotnet' | 'npm' | 'pypi' | 'pymodule' | 'maven' | 'javapkg';

interface Library {
  key: string;
  /** What it is, for the message ('ADAL.NET'); `%s` is replaced by the name as the table spells it. */
  what: string;
  /** Why it must go, as a predicate of `what`. */
  status: string;
  instead: string;
  /** Exact names; with `prefix`, also names continuing with '.', e.g. 'adal.authentication_context'. */
  names: { eco: Eco; name: string; prefix?: boolean }[];
}

const ADAL_END = 'lost all Microsoft support, security fixes included, on June 30, 2023';
const AAD_GRAPH_END = 'calls Azure AD Graph, deprecated since June 30, 2023 and being retired';
const PS_END = 'is deprecated since March 30, 2024, and Microsoft only committed to it working until March 30, 2025';
const PS_INSTEAD = 'the Microsoft Graph PowerShell SDK (`Connect-MgGraph -AccessToken`) or Microsoft Entra PowerShell, with a token from the Secure Application Model refresh-token exchange (`New-PartnerAccessToken -RefreshToken`)';

const LIBRARIES: Library[] = [
  {
    key: 'adal-net',
    what: 'ADAL.NET',
    status: ADAL_END,
    instead: 'MSAL.NET (`Microsoft.Identity.Client`); for partner automation a confidential client (`ConfidentialClientApplicationBuilder`) that exchanges the SAM refresh token with `AcquireTokenByRefreshToken`',
    names: [{ eco: 'dotnet', name: 'Microsoft.IdentityModel.Clients.ActiveDirectory', prefix: true }],
  },
  {
    key: 'adal-ps',
    what: 'ADAL.PS (a PowerShell wrapper of ADAL.NET)',
    status: ADAL_END,
    instead: 'the Secure Application Model refresh-token exchange of the PartnerCenter module (`New-PartnerAccessToken -RefreshToken … -ServicePrincipal`) or MSAL.NET (`Microsoft.Identity.Client`)',
    names: [{ eco: 'psmodule', name: 'ADAL.PS' }],
  },
  {
    key: 'aadgraph-net',
    what: 'the Azure AD Graph client library',
    status: AAD_GRAPH_END,
    instead: 'the Microsoft Graph SDK (`Microsoft.Graph`) with a token from MSAL.NET (`Microsoft.Identity.Client`)',
    names: [{ eco: 'dotnet', name: 'Microsoft.Azure.ActiveDirectory.GraphClient', prefix: true }],
  },
  {
    key: 'adal-python',
    what: 'ADAL for Python',
    status: ADAL_END,
    instead: 'MSAL for Python (`msal`); for partner automation `msal.ConfidentialClientApplication(...).acquire_token_by_refresh_token(...)` with the SAM refresh token',
    names: [
      { eco: 'pypi', name: 'adal' },
      { eco: 'pymodule', name: 'adal', prefix: true },
    ],
  },
  {
    key: 'aadgraph-python',
    what: 'the Azure AD Graph client (`azure-graphrbac`)',
    status: AAD_GRAPH_END,
    instead: 'the Microsoft Graph SDK (`msgraph-sdk`) with a token from `msal` or `azure-identity`',
    names: [
      { eco: 'pypi', name: 'azure-graphrbac' },
      { eco: 'pymodule', name: 'azure.graphrbac', prefix: true },
    ],
  },
  {
    key: 'adal-node',
    what: 'ADAL for Node.js',
    status: ADAL_END,
    instead: '`@azure/msal-node`; for partner automation a `ConfidentialClientApplication` that exchanges the SAM refresh token with `acquireTokenByRefreshToken`',
    names: [{ eco: 'npm', name: 'adal-node' }],
  },
  {
    key: 'adal-js',
    what: 'ADAL.js (implicit-flow sign-in in the browser)',
    status: ADAL_END,
    instead: '`@azure/msal-browser` (`@azure/msal-angular`, `@azure/msal-react`) with the authorization code flow and PKCE',
    names: ['adal-angular', 'adal-angular4', 'react-adal', 'ng2-adal', 'ngx-adal', '@types/adal', '@types/adal-angular'].map((name) => ({ eco: 'npm' as const, name })),
  },
  {
    key: 'aadgraph-npm',
    what: 'the Azure AD Graph client (`GraphRbacManagementClient`)',
    status: AAD_GRAPH_END,
    instead: '`@microsoft/microsoft-graph-client` with a token from `@azure/msal-node`',
    names: [
      { eco: 'npm', name: 'azure-graph' },
      { eco: 'npm', name: '@azure/graph' },
    ],
  },
  {
    key: 'adal4j',
    what: 'ADAL for Java (adal4j)',
    status: ADAL_END,
    instead: 'msal4j (`com.microsoft.azure:msal4j`); for partner automation a `ConfidentialClientApplication` with `RefreshTokenParameters` for the SAM refresh token',
    names: [
      { eco: 'maven', name: 'com.microsoft.azure:adal4j' },
      { eco: 'javapkg', name: 'com.microsoft.aad.adal4j', prefix: true },
    ],
  },
  {
    key: 'msonline',
    what: 'the %s PowerShell module',
    status: PS_END,
    instead: PS_INSTEAD,
    names: [{ eco: 'psmodule', name: 'MSOnline' }],
  },
  {
    key: 'azuread',
    what: 'the %s PowerShell module',
    status: PS_END,
    instead: PS_INSTEAD,
    names: ['AzureAD', 'AzureADPreview', 'AzureAD.Standard.Preview'].map((name) => ({ eco: 'psmodule' as const, name })),
  },
];

interface Match {
  lib: Library;
  /** The name as the table spells it ('AzureADPreview'). */
  name: string;
}

/** PyPI names compare normalized (PEP 503); NuGet, PowerShell and Maven names case-insensitively; npm and code names exactly. */
function normalize(eco: Eco, name: string): string {
  if (eco === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (eco === 'dotnet' || eco === 'psmodule' || eco === 'maven') return name.toLowerCase();
  return name;
}

function match(name: string, ecos: readonly Eco[]): Match | undefined {
  for (const eco of ecos) {
    const n = normalize(eco, packageOf(eco, name.trim()));
    for (const lib of LIBRARIES) {
      for (const entry of lib.names) {
        if (entry.eco !== eco) continue;
        const e = normalize(eco, entry.name);
        if (n === e || (entry.prefix && n.startsWith(e + '.'))) return { lib, name: entry.name };
      }
    }
  }
  return undefined;
}

/** The package a specifier names: npm 'adal-angular/lib/adal' -> 'adal-angular'; a module path 'C:\…\MSOnline.psd1' -> 'MSOnline'. */
function packageOf(eco: Eco, name: string): string {
  if (eco === 'npm') {
    const parts = name.split('/');
    return name.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  }
  if (eco === 'psmodule' || eco === 'dotnet') {
    const base = name.split(/[\\/]/).pop() ?? name;
    return base.replace(/\.(psd1|psm1|dll)$/i, '');
  }
  return name;
}

/** `<what this code does>: <library> <why it must go>. Use <replacement>.` */
function message(subject: string, m: Match, note = ''): string {
  return `${subject}${note}: ${m.lib.what.replace('%s', m.name)} ${m.lib.status}. Use ${m.lib.instead}.`;
}

/** Which ecosystems an import of this file names. Embedded PowerShell (YAML pipelines) brings its own import kinds. */
function ecosystemsOf(ctx: RuleContext, imp: Import): readonly Eco[] {
  if (imp.kind === 'module' || imp.kind === 'requires') return ['psmodule'];
  switch (ctx.language) {
    case 'powershell':
    case 'yaml':
      return ['psmodule', 'dotnet']; // `using module X` / `using namespace X` / `using assembly X`
    case 'csharp':
      return ['dotnet'];
    case 'python':
      return ['pymodule'];
    case 'javascript':
    case 'typescript':
      return ['npm'];
    case 'java':
      return ['javapkg'];
    case 'xml':
      return ['dotnet', 'maven'];
    case 'json':
      return ['npm', 'dotnet'];
    case 'properties':
      return ['pypi'];
    default:
      return [];
  }
}

/** The module's own name inside an import statement whose range is the whole statement (or the leaf of a module path). */
function moduleRange(ctx: RuleContext, imp: Import, m: Match): Range {
  const text = ctx.text(imp.range);
  if (/[\\/]/.test(imp.module) && m.lib.names.some((n) => n.eco === 'psmodule' || n.eco === 'dotnet')) {
    // `Import-Module 'C:\…\MSOnline\1.1.183.81\MSOnline.psd1'`: the file name's module.
    const leaf = leafModule(imp.range, text, m);
    if (leaf) return leaf;
  }
  if (text === imp.module) return imp.range;
  let at = -1;
  if (ctx.language === 'javascript' || ctx.language === 'typescript') {
    // The specifier is the quoted string: `import adal from 'adal'` names `adal` twice.
    for (let i = text.indexOf(imp.module); i >= 0; i = text.indexOf(imp.module, i + 1)) {
      if (i > 0 && `'"\``.includes(text[i - 1])) at = i;
    }
  } else {
    at = text.indexOf(imp.module);
  }
  return within(imp.range, at, imp.module.length);
}

const IMPORT_VERB: Record<Import['kind'], string> = { import: 'Imports', using: 'Imports', require: 'Imports', module: 'Imports', requires: 'Requires', package: 'Depends on' };

// PowerShell commands that declare a dependency on a module (an install states the intent to use it).
const IMPORT_COMMANDS = /^(Import-Module|ipmo)$/i;
const INSTALL_COMMANDS = /^(Install-Module|Install-PSResource|Save-Module|Save-PSResource|Update-Module|Update-PSResource)$/i;
const ASSEMBLY_LOADS = /^(LoadFrom|LoadFile|UnsafeLoadFrom|LoadWithPartialName|Load)$/;
const MSOL_CMDLET = /^[a-z]+-Msol[a-z]+$/i;
const AZUREAD_CMDLET = /^[a-z]+-AzureAD([a-z]*)$/i;

/** A string, an array of strings or a module specification hashtable `@{ModuleName='X'}`, through variables. */
function moduleStrings(ctx: RuleContext, e: Expr | undefined, depth = 0): Expr[] {
  const d = ctx.deref(e);
  if (!d || depth > 4) return [];
  if (d.kind === 'string') return [d];
  if (d.kind === 'array') return d.items.flatMap((i) => moduleStrings(ctx, i, depth + 1));
  if (d.kind === 'object') {
    const entry = d.entries.find((p) => p.key.toLowerCase() === 'modulename');
    return entry ? moduleStrings(ctx, entry.value, depth + 1) : [];
  }
  if (d.kind === 'concat' && ctx.value(d) !== undefined) return [d];
  return [];
}

/** Requirement strings in a list, or in a dict of lists (`extras_require`), through variables. */
function requirementStrings(ctx: RuleContext, e: Expr | undefined, depth = 0): Expr[] {
  const d = ctx.deref(e);
  if (!d || depth > 3) return [];
  if (d.kind === 'string') return [d];
  if (d.kind === 'array') return d.items.flatMap((i) => requirementStrings(ctx, i, depth + 1));
  if (d.kind === 'object') return d.entries.flatMap((p) => requirementStrings(ctx, p.value, depth + 1));
  return [];
}

function contentRange(e: Expr): Range {
  return e.kind === 'string' ? e.contentRange : e.range;
}

/** `length` characters at offset `at` of `r`'s text; `r` itself when `at` is -1 (not found). */
function within(r: Range, at: number, length: number): Range {
  return at < 0 ? r : { start: r.start + at, end: r.start + at + length };
}

/** A module path `C:\…\MSOnline\1.1.183.81\MSOnline.psd1` in `text` (at `r`): the file name's module, found last. */
function leafModule(r: Range, text: string, m: Match): Range | undefined {
  const at = text.toLowerCase().lastIndexOf(m.name.toLowerCase());
  return at < 0 ? undefined : within(r, at, m.name.length);
}

/** `(module name from `$modules`, line 3)` when the value is not written at the use. */
function fromNote(ctx: RuleContext, used: Expr | undefined, literal: Expr, what: string): string {
  if (!used || used === literal || used.kind !== 'name') return '';
  return ` (${what} from \`${ctx.text(used.range)}\`, line ${lineOf(ctx, literal.range.start)})`;
}

/**
 * The namespaces a C# using directive at `at` is resolved against, innermost first: for `namespace A.B { using X; }`,
 * `A.B` and `A` (block namespaces only: usings come before every member, so no `}` stands between the namespace and them).
 */
function enclosingNamespaces(text: string, at: number): string[] {
  const names: string[] = [];
  for (const m of text.slice(0, at).matchAll(/\bnamespace\s+([A-Za-z_][\w.]*)\s*\{/g)) {
    if (text.slice(m.index! + m[0].length, at).includes('}')) continue;
    names.push(m[1]);
  }
  const full = names.join('.').split('.');
  const out: string[] = [];
  for (let i = full.length; i > 0; i--) out.push(full.slice(0, i).join('.'));
  return out;
}

/** Positional or named argument (`-Name`, `-Path`…) of a command, PowerShell prefixes allowed. */
function commandArg(ctx: RuleContext, call: Call, names: string[], positional = true): Expr | undefined {
  const named = ctx.arg(call, ...names);
  if (named) return named.value;
  return positional ? call.args[0] : undefined;
}

/** Native package managers run from PowerShell: `pip install adal`, `npm i adal-node`, `dotnet add package …`. */
function nativeInstall(ctx: RuleContext, call: Call): { ecos: Eco[]; values: Expr[] } | undefined {
  const name = call.name.toLowerCase().replace(/\.exe$/, '');
  const words = call.args.map((a) => ctx.value(a)?.toLowerCase());
  const values = [...call.args, ...ctx.named(call).flatMap((n) => (n.value ? [n.value] : []))];
  if (/^pip3?$/.test(name) && words[0] === 'install') return { ecos: ['pypi'], values };
  if (/^(python3?|py)$/.test(name) && ctx.value(ctx.arg(call, 'm')?.value) === 'pip' && words.includes('install')) return { ecos: ['pypi'], values };
  if (/^(npm|pnpm)$/.test(name) && ['install', 'i', 'add'].includes(words[0] ?? '')) return { ecos: ['npm'], values };
  if (name === 'yarn' && words[0] === 'add') return { ecos: ['npm'], values };
  if (name === 'dotnet' && words[0] === 'add' && words.includes('package')) return { ecos: ['dotnet'], values };
  if (name === 'nuget' && words[0] === 'install') return { ecos: ['dotnet'], values };
  if (name === 'install-package') return { ecos: ['dotnet', 'psmodule'], values: [commandArg(ctx, call, ['Name']) ?? call.args[0]].filter((v): v is Expr => !!v) };
  return undefined;
}

/** A requirement or package spec without its version: `adal==1.2.7` -> `adal`, `adal-node@0.2.4` -> `adal-node`, `@azure/graph@5` -> `@azure/graph`. */
function specName(spec: string): string {
  const at = spec.indexOf('@', 1);
  const base = at > 0 ? spec.slice(0, at) : spec;
  return base.split(/[\s=<>!~;[,]/)[0];
}

/** Names listed in a TOML/setup.cfg requirement array value: `["adal>=1.2.7", "requests"]`. */
function requirementNames(text: string): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  const re = /["']([A-Za-z0-9][A-Za-z0-9._-]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ name: m[1], at: m.index + 1 });
  return out;
}

const DEPENDENCY_SECTIONS = new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']);
/** setup.py `setup(install_requires=[…], extras_require={…: […]})`. */
const SETUP_REQUIREMENTS = /^(install_requires|extras_require|setup_requires|tests_require)$/;
const LOCK_FILE = /(^|[\\/])(package-lock|npm-shrinkwrap|packages\.lock|project\.assets)\.json$|lock\.json$/i;
const POETRY_SECTION = /(^|\.)(dev-)?dependencies$/;

export const noLegacyAuthLibrary: Rule = {
  meta: {
    id: 'no-legacy-auth-library',
    title: 'Do not use ADAL, the Azure AD Graph client libraries or the MSOnline / AzureAD PowerShell modules; use MSAL and Microsoft Graph',
    defaultSeverity: 'warning',
    languages: ['powershell', 'csharp', 'python', 'javascript', 'typescript', 'java', 'json', 'yaml', 'xml', 'properties'],
    fixable: false,
    tags: ['deprecated'],
  },
  check(ctx) {
    const seen = new Set<string>();
    /** Library keys this file declares explicitly (import, install, manifest, assembly load). */
    const declared = new Set<string>();
    const report = (range: Range, msg: string) => {
      const k = `${range.start}:${range.end}`;
      if (seen.has(k)) return;
      seen.add(k);
      ctx.report({ range, message: msg });
    };
    /** Reports `subject` as a use of `m`'s library, which this file then declares. */
    const reportLib = (range: Range, subject: string, m: Match, note = '') => {
      declared.add(m.lib.key);
      report(range, message(subject, m, note));
    };
    /** `Add-Type -Path …` / `[Assembly]::LoadFrom(…)`: the DLL a path value names. */
    const reportLoad = (arg: Expr | undefined, who: string) => {
      const m = arg && match(pathLeaf(ctx, arg), ['dotnet']);
      if (m) reportLib(contentRange(arg), `${who} loads \`${pathLeaf(ctx, arg)}\``, m, fromNote(ctx, arg, ctx.deref(arg) ?? arg, 'path'));
    };
    /** Reports a module/package name given as a value; `verb` is e.g. '`Install-Module` installs'. */
    const reportName = (e: Expr, m: Match, verb: string, note: string) => {
      const r = contentRange(e);
      const written = ctx.value(e) ?? '';
      const text = ctx.text(r);
      let range = r;
      let name = specName(written);
      if (/[\\/]/.test(written) && m.lib.names.some((n) => n.eco === 'psmodule')) {
        range = leafModule(r, text, m) ?? r;
        name = m.name;
      } else if (e.kind === 'string' && name && text.startsWith(name)) {
        // Only the name: `adal==1.2.7` -> `adal`, `adal-node@0.2.4` -> `adal-node`.
        range = within(r, 0, name.length);
      }
      reportLib(range, `${verb} \`${name || text}\``, m, note);
    };

    // 1. Imports the adapters model: using/import/require/Import-Module/#Requires/using module, package manifests.
    for (const imp of ctx.imports) {
      const ecos = ecosystemsOf(ctx, imp);
      const m = match(imp.module, ecos);
      if (m) reportLib(moduleRange(ctx, imp, m), `${IMPORT_VERB[imp.kind]} \`${imp.module}\``, m);
      else if (imp.kind === 'using' && ctx.language === 'csharp') {
        // A using inside `namespace Microsoft.Partner… {` names a namespace relative to the enclosing ones:
        // `using IdentityModel.Clients.ActiveDirectory;` there is Microsoft.IdentityModel.Clients.ActiveDirectory.
        for (const full of enclosingNamespaces(ctx.model.text, imp.range.start).map((ns) => `${ns}.${imp.module}`)) {
          const rel = match(full, ecos);
          if (!rel) continue;
          reportLib(moduleRange(ctx, imp, rel), `${IMPORT_VERB[imp.kind]} \`${imp.module}\` (\`${full}\` inside its namespace)`, rel);
          break;
        }
      }
    }

    // 2. Manifests the adapters read as key/value pairs.
    for (const p of ctx.pairs) {
      if (p.container === 'json') {
        // package.json / bower.json / project.json dependency maps (a version string per package; lock files list transitive packages).
        if (p.path.length < 2 || !DEPENDENCY_SECTIONS.has(p.path[p.path.length - 2]) || LOCK_FILE.test(ctx.fileName)) continue;
        if (p.value.kind !== 'string') continue;
        const m = match(p.key, ['npm', 'dotnet']);
        if (m) reportLib(p.keyRange, `Depends on \`${p.key}\``, m);
      } else if (p.container === 'properties') {
        // pyproject.toml: Poetry `[tool.poetry.dependencies] adal = "^1.2.7"`, PEP 621 `dependencies = ["adal>=1.2.7"]`.
        const section = p.path.length > 1 ? p.path[0] : '';
        if (POETRY_SECTION.test(section)) {
          const m = match(p.key, ['pypi']);
          if (m) reportLib(p.keyRange, `Depends on \`${p.key}\``, m);
        } else if ((p.key === 'dependencies' && section === 'project') || section === 'project.optional-dependencies') {
          const v = p.value;
          if (v.kind !== 'string' || ctx.text(v.contentRange) !== v.text) continue;
          for (const r of requirementNames(v.text)) {
            const m = match(r.name, ['pypi']);
            if (m) reportLib(within(v.contentRange, r.at, r.name.length), `Depends on \`${r.name}\``, m);
          }
        }
      } else if (p.container === 'hashtable' && /^(RequiredModules|ExternalModuleDependencies)$/i.test(p.key) && p.path.length <= 3) {
        // Module manifests (.psd1): RequiredModules = @('AzureAD', @{ModuleName='MSOnline'; ModuleVersion='1.1'}).
        for (const s of moduleStrings(ctx, p.value)) {
          const m = match(ctx.value(s) ?? '', ['psmodule']);
          if (m) reportName(s, m, `\`${p.key}\` requires`, fromNote(ctx, p.value, s, 'module name'));
        }
      }
    }

    // 3. Calls that import, install or load a library.
    for (const call of ctx.calls) {
      if (call.kind === 'command') {
        if (IMPORT_COMMANDS.test(call.name) || INSTALL_COMMANDS.test(call.name)) {
          const arg = commandArg(ctx, call, ['Name', 'FullyQualifiedName', 'RequiredModules']);
          const verb = `\`${call.name}\` ${IMPORT_COMMANDS.test(call.name) ? 'imports' : 'installs'}`;
          for (const s of moduleStrings(ctx, arg)) {
            const m = match(ctx.value(s) ?? '', ['psmodule']);
            if (m) reportName(s, m, verb, fromNote(ctx, arg, s, 'module name'));
          }
          continue;
        }
        if (/^Add-Type$/i.test(call.name)) {
          reportLoad(ctx.arg(call, 'Path', 'LiteralPath', 'AssemblyName')?.value, '`Add-Type`');
          continue;
        }
        const native = nativeInstall(ctx, call);
        if (native) {
          for (const v of native.values) {
            const spec = ctx.value(v);
            const m = spec && !spec.startsWith('-') ? match(specName(spec), native.ecos) : undefined;
            if (m) reportName(v, m, `\`${call.name}\` installs`, '');
          }
          continue;
        }
      }
      if (ctx.language === 'python' && call.name === 'setup') {
        for (const a of ctx.named(call)) {
          if (!SETUP_REQUIREMENTS.test(a.name)) continue;
          for (const s of requirementStrings(ctx, a.value)) {
            const m = match(specName(ctx.value(s) ?? ''), ['pypi']);
            if (m) reportName(s, m, `\`setup(${a.name}=…)\` depends on`, fromNote(ctx, a.value, s, 'requirement'));
          }
        }
        continue;
      }
      // [System.Reflection.Assembly]::LoadFrom($adalPath)
      if (call.kind === 'call' && ASSEMBLY_LOADS.test(call.name) && call.callee.at(-2) === 'Assembly' && call.args[0]) {
        reportLoad(call.args[0], `\`Assembly.${call.name}\``);
        continue;
      }
      // Dynamic imports with a computed name: importlib.import_module(name), __import__(name), require(name).
      if (call.kind === 'call' && call.args[0] && call.args[0].kind !== 'string') {
        const eco: Eco | undefined =
          ctx.language === 'python' && /^(import_module|__import__)$/.test(call.name) ? 'pymodule' : (ctx.language === 'javascript' || ctx.language === 'typescript') && call.name === 'require' && call.callee.length === 1 ? 'npm' : undefined;
        const spec = eco && ctx.value(call.args[0]);
        const m = eco && spec ? match(spec, [eco]) : undefined;
        if (m && eco) {
          const lit = ctx.deref(call.args[0]) ?? call.args[0];
          reportLib(call.args[0].range, `Imports \`${spec}\``, m, fromNote(ctx, call.args[0], lit, 'module name'));
        }
      }
    }

    // 4. Uses without an import, once per library and file.
    implicitTypeUse(ctx, declared, report);
    if (ctx.language === 'powershell' || ctx.language === 'yaml') implicitModules(ctx, declared, report);
  },
};

/** The file name a path value ends with, without `.dll`: `Join-Path $base 'X.dll'` and `"$dir\X.dll"` included. */
function pathLeaf(ctx: RuleContext, e: Expr): string {
  const d = ctx.deref(e);
  let text = ctx.approx(e);
  if (d?.kind === 'call' && /^Join-Path$/i.test(d.call.name)) text = ctx.approx(ctx.arg(d.call, 'ChildPath', 'AdditionalChildPath')?.value ?? d.call.args[1] ?? d.call.args[0]);
  const leaf = text.split(/[\\/]/).pop() ?? text;
  return leaf.replace(/\.dll$/i, '').split(',')[0].trim();
}

/**
 * C#, Java and PowerShell can name a type by its full namespace without importing it
 * (`new Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext(…)`, `New-Object Microsoft.…`).
 */
function implicitTypeUse(ctx: RuleContext, declared: Set<string>, report: (r: Range, m: string) => void): void {
  const ecos: Eco[] = ctx.language === 'java' ? ['javapkg'] : ctx.language === 'csharp' || ctx.language === 'powershell' || ctx.language === 'yaml' ? ['dotnet'] : [];
  if (!ecos.length) return;
  for (const call of ctx.calls) {
    if (call.callee.length < 3) continue;
    const full = call.callee.join('.');
    const m = match(full, ecos);
    if (!m || declared.has(m.lib.key)) continue;
    const ns = m.name;
    const text = ctx.text(call.calleeRange);
    const at = text.toLowerCase().indexOf(ns.toLowerCase());
    const range = within(call.calleeRange, at, ns.length);
    declared.add(m.lib.key);
    report(range, message(`Uses \`${ctx.text(range)}\` without importing it`, m));
  }
}

/**
 * PowerShell: a module-qualified call (`MSOnline\Connect-MsolService`) loads the module; a bare MSOnline/AzureAD cmdlet
 * relies on module autoloading. Either counts as the file's import of the module when it imports it nowhere else.
 */
function implicitModules(ctx: RuleContext, declared: Set<string>, report: (r: Range, m: string) => void): void {
  const own = definedFunctions(ctx);
  const entraAliases = ctx.calls.some((c) => c.kind === 'command' && /^Enable-EntraAzureADAlias$/i.test(c.name));
  const calls = [...ctx.calls].filter((c) => c.kind === 'command').sort((a, b) => a.range.start - b.range.start);
  for (const call of calls) {
    const slash = call.name.lastIndexOf('\\');
    if (slash <= 0) continue;
    const m = match(call.name.slice(0, slash), ['psmodule']);
    if (!m || declared.has(m.lib.key)) continue;
    declared.add(m.lib.key);
    const text = ctx.text(call.nameRange);
    const at = text.indexOf(call.name.slice(0, slash));
    const range = within(call.nameRange, at, slash);
    report(range, message(`\`${call.name}\` loads the ${m.name} module`, m));
  }
  for (const call of calls) {
    if (own.has(call.name.toLowerCase())) continue;
    const key = MSOL_CMDLET.test(call.name) ? 'msonline' : AZUREAD_CMDLET.test(call.name) && !entraAliases ? 'azuread' : undefined;
    if (!key || declared.has(key)) continue;
    declared.add(key);
    const lib = LIBRARIES.find((l) => l.key === key)!;
    const m: Match = { lib, name: lib.names[0].name };
    report(call.nameRange, message(`\`${call.name}\` relies on PowerShell autoloading the ${m.name} module (this file never imports it by name)`, m));
  }
}

/** Names of functions and filters the file defines itself (a `Get-MsolReport` helper is not the module's cmdlet). */
function definedFunctions(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const s of ctx.model.scopes) {
    const m = /^\s*(?:function|filter|workflow)\s+(?:(?:global|script|local|private):)?([\w-]+)/i.exec(ctx.text(s.range));
    if (m) out.add(m[1].toLowerCase());
  }
  return out;
}
