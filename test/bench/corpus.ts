// Deterministic benchmark corpus: N files per language, mostly ordinary code with authentication code (and
// findings) mixed in at a low rate, as in a real repository. Same seed and size -> byte-identical files.
//
//   npx tsx test/bench/corpus.ts --out DIR [--per-language N] [--seed S]
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LANGUAGES = ['powershell', 'csharp', 'python', 'javascript', 'typescript', 'java', 'json', 'yaml', 'dotenv', 'xml'] as const;
export type BenchLanguage = (typeof LANGUAGES)[number];

export interface CorpusOptions {
  perLanguage: number;
  seed?: number;
  /** Share of files that contain authentication code (half of it with a finding). Default 0.06. */
  authRate?: number;
  /** Share of code files of 5,000+ lines. Default 0.004 (at least one per code language once N >= 100). */
  hugeRate?: number;
}

export interface CorpusStats {
  files: number;
  lines: number;
  bytes: number;
  /** Files with authentication code planted (with and without a finding). */
  authFiles: number;
  /** Files with a planted finding (the generator's intent; the engine decides). */
  plantedFindings: number;
  hugeFiles: number;
  byLanguage: Record<string, { files: number; lines: number; bytes: number }>;
}

/** mulberry32: small, fast, good enough for test data, and the same on every platform. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Log-uniform between lo and hi: many small files, some large ones. */
  logInt(lo: number, hi: number): number {
    return Math.round(Math.exp(Math.log(lo) + this.next() * (Math.log(hi) - Math.log(lo))));
  }
  /** A random string of the alphabet (fake secret material, generated: never a literal in this source). */
  chars(n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
  guid(): string {
    const h = '0123456789abcdef';
    return `${this.chars(8, h)}-${this.chars(4, h)}-4${this.chars(3, h)}-a${this.chars(3, h)}-${this.chars(12, h)}`;
  }
}

const NOUNS = ['customer', 'order', 'invoice', 'subscription', 'report', 'product', 'license', 'device', 'ticket', 'contract', 'billing', 'usage', 'catalog', 'offer', 'address', 'contact', 'payment', 'shipment', 'region', 'quota', 'meter', 'budget', 'alert', 'schedule', 'export', 'batch', 'record', 'profile', 'setting', 'metric'];
const VERBS = ['get', 'load', 'update', 'sync', 'compute', 'parse', 'render', 'validate', 'export', 'import', 'merge', 'filter', 'build', 'format', 'resolve', 'publish', 'archive', 'refresh', 'count', 'group'];
const ADJ = ['active', 'pending', 'monthly', 'daily', 'total', 'current', 'previous', 'default', 'local', 'remote', 'cached', 'raw', 'final', 'partial'];
const HOSTS = ['api.contoso.com', 'billing.fabrikam.net', 'inventory.northwind.io', 'reports.tailspin.dev', 'status.adatum.org'];

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const camel = (...w: string[]) => w[0] + w.slice(1).map(cap).join('');
const pascal = (...w: string[]) => w.map(cap).join('');
const snake = (...w: string[]) => w.join('_');

interface Gen {
  rng: Rng;
  /** A fake secret: shaped like one (length, alphabet), random each time. */
  secret(): string;
  noun(): string;
  verb(): string;
  adj(): string;
  /** A number unique within the file, so declared names never clash (parsers reject duplicate declarations). */
  uid(): number;
}

let uids = 0;

function gen(rng: Rng): Gen {
  return {
    rng,
    secret: () => `${rng.chars(3)}8Q~${rng.chars(31, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.')}`,
    noun: () => rng.pick(NOUNS),
    verb: () => rng.pick(VERBS),
    adj: () => rng.pick(ADJ),
    uid: () => ++uids,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Ordinary code, one "unit" (function, method, block) at a time, per language.

type Unit = (g: Gen, indent: string) => string[];

const csharpUnits: Unit[] = [
  (g, i) => {
    const n = g.noun();
    const N = pascal(n);
    return [
      `${i}public async Task<IReadOnlyList<${N}Dto>> ${pascal(g.verb(), n)}s${g.uid()}Async(string ${n}Id, CancellationToken cancellationToken)`,
      `${i}{`,
      `${i}    var results = new List<${N}Dto>();`,
      `${i}    var response = await _httpClient.GetAsync($"https://${g.rng.pick(HOSTS)}/v1/${n}s/{${n}Id}", cancellationToken);`,
      `${i}    response.EnsureSuccessStatusCode();`,
      `${i}    var items = await response.Content.ReadFromJsonAsync<List<${N}Dto>>(cancellationToken: cancellationToken);`,
      `${i}    foreach (var item in items ?? new List<${N}Dto>())`,
      `${i}    {`,
      `${i}        if (item.Status == "${g.adj()}" && item.Amount > ${g.rng.int(1, 500)})`,
      `${i}        {`,
      `${i}            results.Add(item with { Label = $"{item.Name} ({item.Amount:N2})" });`,
      `${i}        }`,
      `${i}    }`,
      `${i}    _logger.LogInformation("Loaded {Count} ${n}s for {Id}", results.Count, ${n}Id);`,
      `${i}    return results;`,
      `${i}}`,
    ];
  },
  (g, i) => {
    const n = g.noun();
    const m = g.noun();
    return [
      `${i}private static Dictionary<string, decimal> ${pascal('group', n)}By${pascal(m)}${g.uid()}(IEnumerable<${pascal(n)}Dto> source)`,
      `${i}{`,
      `${i}    var totals = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);`,
      `${i}    foreach (var entry in source)`,
      `${i}    {`,
      `${i}        var key = entry.${pascal(m)}Name ?? "unknown";`,
      `${i}        totals[key] = totals.TryGetValue(key, out var current) ? current + entry.Amount : entry.Amount;`,
      `${i}    }`,
      `${i}    return totals.OrderByDescending(kv => kv.Value).Take(${g.rng.int(5, 50)}).ToDictionary(kv => kv.Key, kv => kv.Value);`,
      `${i}}`,
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}/// <summary>Returns the ${g.adj()} ${n} window for the given date.</summary>`,
      `${i}public (DateTime Start, DateTime End) ${pascal(n)}Window${g.uid()}(DateTime day, int days = ${g.rng.int(1, 31)})`,
      `${i}{`,
      `${i}    var start = day.Date.AddDays(-days);`,
      `${i}    var end = day.Date.AddDays(1).AddTicks(-1);`,
      `${i}    if (start > end) throw new ArgumentOutOfRangeException(nameof(days));`,
      `${i}    return (start, end);`,
      `${i}}`,
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}public string ${pascal('format', n)}${g.uid()}(${pascal(n)}Dto value)`,
      `${i}{`,
      `${i}    var sb = new StringBuilder();`,
      `${i}    sb.Append(value.Name).Append(';').Append(value.Amount.ToString(CultureInfo.InvariantCulture));`,
      `${i}    switch (value.Status)`,
      `${i}    {`,
      `${i}        case "${g.adj()}": sb.Append(";A"); break;`,
      `${i}        case "${g.adj()}": sb.Append(";B"); break;`,
      `${i}        default: sb.Append(";?"); break;`,
      `${i}    }`,
      `${i}    return sb.ToString();`,
      `${i}}`,
    ];
  },
];

const javaUnits: Unit[] = [
  (g, i) => {
    const n = g.noun();
    const N = pascal(n);
    return [
      `${i}public List<${N}> ${camel(g.verb(), n)}s${g.uid()}(String ${n}Id) throws IOException {`,
      `${i}    HttpRequest request = HttpRequest.newBuilder(URI.create("https://${g.rng.pick(HOSTS)}/v1/${n}s/" + ${n}Id)).GET().build();`,
      `${i}    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());`,
      `${i}    if (response.statusCode() != 200) {`,
      `${i}        throw new IOException("Unexpected status " + response.statusCode());`,
      `${i}    }`,
      `${i}    List<${N}> items = mapper.readValue(response.body(), new TypeReference<List<${N}>>() {});`,
      `${i}    return items.stream()`,
      `${i}        .filter(item -> "${g.adj()}".equals(item.getStatus()))`,
      `${i}        .sorted(Comparator.comparing(${N}::getAmount).reversed())`,
      `${i}        .limit(${g.rng.int(5, 100)})`,
      `${i}        .collect(Collectors.toList());`,
      `${i}}`,
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}private static Map<String, Double> totalsBy${pascal(n)}${g.uid()}(Collection<${pascal(n)}> source) {`,
      `${i}    Map<String, Double> totals = new HashMap<>();`,
      `${i}    for (${pascal(n)} entry : source) {`,
      `${i}        String key = entry.getName() == null ? "unknown" : entry.getName();`,
      `${i}        totals.merge(key, entry.getAmount(), Double::sum);`,
      `${i}    }`,
      `${i}    LOG.info("Grouped {} ${n}s into {} keys", source.size(), totals.size());`,
      `${i}    return totals;`,
      `${i}}`,
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}/** Formats a ${g.adj()} ${n} line. */`,
      `${i}public String format${pascal(n)}${g.uid()}(${pascal(n)} value) {`,
      `${i}    StringBuilder sb = new StringBuilder();`,
      `${i}    sb.append(value.getName()).append(';').append(String.format(Locale.ROOT, "%.2f", value.getAmount()));`,
      `${i}    switch (value.getStatus()) {`,
      `${i}        case "${g.adj()}":`,
      `${i}            sb.append(";A");`,
      `${i}            break;`,
      `${i}        default:`,
      `${i}            sb.append(";?");`,
      `${i}    }`,
      `${i}    return sb.toString();`,
      `${i}}`,
    ];
  },
];

const pythonUnits: Unit[] = [
  (g, i) => {
    const n = g.noun();
    return [
      `${i}def ${snake(g.verb(), n)}s_${g.uid()}(session, ${n}_id, limit=${g.rng.int(10, 500)}):`,
      `${i}    """Return the ${g.adj()} ${n}s of one account."""`,
      `${i}    url = f"https://${g.rng.pick(HOSTS)}/v1/${n}s/{${n}_id}"`,
      `${i}    response = session.get(url, params={"limit": limit, "status": "${g.adj()}"}, timeout=30)`,
      `${i}    response.raise_for_status()`,
      `${i}    items = [item for item in response.json().get("items", []) if item.get("amount", 0) > ${g.rng.int(0, 100)}]`,
      `${i}    logger.info("loaded %d ${n}s for %s", len(items), ${n}_id)`,
      `${i}    return sorted(items, key=lambda item: item["amount"], reverse=True)`,
      '',
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}def group_${n}s_by_${g.noun()}_${g.uid()}(rows):`,
      `${i}    totals = defaultdict(float)`,
      `${i}    for row in rows:`,
      `${i}        key = row.get("name") or "unknown"`,
      `${i}        totals[key] += float(row.get("amount", 0))`,
      `${i}    return dict(sorted(totals.items(), key=lambda kv: kv[1], reverse=True)[:${g.rng.int(5, 50)}])`,
      '',
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}class ${pascal(n)}Formatter${g.uid()}:`,
      `${i}    def __init__(self, currency="${g.rng.pick(['EUR', 'USD', 'GBP', 'JPY'])}", width=${g.rng.int(10, 80)}):`,
      `${i}        self.currency = currency`,
      `${i}        self.width = width`,
      '',
      `${i}    def format(self, value):`,
      `${i}        label = f"{value['name']:<{self.width}} {value['amount']:>10.2f} {self.currency}"`,
      `${i}        if value.get("status") == "${g.adj()}":`,
      `${i}            label += " *"`,
      `${i}        return label`,
      '',
    ];
  },
];

const jsUnits: Unit[] = [
  (g, i) => {
    const n = g.noun();
    return [
      `${i}async function ${camel(g.verb(), n)}s${g.uid()}(${n}Id, { limit = ${g.rng.int(10, 500)} } = {}) {`,
      `${i}  const res = await fetch(\`https://${g.rng.pick(HOSTS)}/v1/${n}s/\${${n}Id}?limit=\${limit}\`, { headers: { accept: 'application/json' } });`,
      `${i}  if (!res.ok) throw new Error(\`${n} request failed: \${res.status}\`);`,
      `${i}  const body = await res.json();`,
      `${i}  return (body.items ?? [])`,
      `${i}    .filter((item) => item.status === '${g.adj()}' && item.amount > ${g.rng.int(0, 100)})`,
      `${i}    .map((item) => ({ ...item, label: \`\${item.name} (\${item.amount.toFixed(2)})\` }));`,
      `${i}}`,
      '',
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}function groupBy${pascal(n)}${g.uid()}(rows) {`,
      `${i}  const totals = new Map();`,
      `${i}  for (const row of rows) {`,
      `${i}    const key = row.name || 'unknown';`,
      `${i}    totals.set(key, (totals.get(key) || 0) + Number(row.amount || 0));`,
      `${i}  }`,
      `${i}  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, ${g.rng.int(5, 50)});`,
      `${i}}`,
      '',
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}const ${camel(n, 'defaults')}${g.uid()} = {`,
      `${i}  pageSize: ${g.rng.int(10, 200)},`,
      `${i}  retries: ${g.rng.int(1, 5)},`,
      `${i}  region: '${g.rng.pick(['westeurope', 'eastus', 'northeurope', 'westus2'])}',`,
      `${i}  endpoint: 'https://${g.rng.pick(HOSTS)}/v2',`,
      `${i}  statuses: ['${g.adj()}', '${g.adj()}'],`,
      `${i}};`,
      '',
    ];
  },
];

const tsUnits: Unit[] = [
  (g, i) => {
    const n = g.noun();
    const N = pascal(n);
    return [
      `${i}export interface ${N}${pascal(g.adj())}${g.uid()} {`,
      `${i}  id: string;`,
      `${i}  name: string;`,
      `${i}  amount: number;`,
      `${i}  status: '${g.adj()}' | '${g.adj()}';`,
      `${i}  tags?: readonly string[];`,
      `${i}}`,
      '',
    ];
  },
  (g, i) => {
    const n = g.noun();
    const N = pascal(n);
    return [
      `${i}export async function ${camel(g.verb(), n)}s${g.uid()}(client: HttpClient, ${n}Id: string, limit = ${g.rng.int(10, 500)}): Promise<${N}Row[]> {`,
      `${i}  const res = await client.get<{ items: ${N}Row[] }>(\`https://${g.rng.pick(HOSTS)}/v1/${n}s/\${${n}Id}\`, { params: { limit } });`,
      `${i}  const rows = res.items.filter((r) => r.status === '${g.adj()}');`,
      `${i}  const byKey = new Map<string, ${N}Row>();`,
      `${i}  for (const row of rows) byKey.set(row.id, row);`,
      `${i}  return [...byKey.values()].sort((a, b) => b.amount - a.amount);`,
      `${i}}`,
      '',
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}export class ${pascal(n)}Cache${g.uid()}<T extends { id: string }> {`,
      `${i}  private readonly items = new Map<string, { value: T; at: number }>();`,
      `${i}  constructor(private readonly ttlMs = ${g.rng.int(1, 60) * 1000}) {}`,
      `${i}  get(key: string): T | undefined {`,
      `${i}    const hit = this.items.get(key);`,
      `${i}    return hit && Date.now() - hit.at < this.ttlMs ? hit.value : undefined;`,
      `${i}  }`,
      `${i}  set(value: T): void {`,
      `${i}    this.items.set(value.id, { value, at: Date.now() });`,
      `${i}  }`,
      `${i}}`,
      '',
    ];
  },
];

const psUnits: Unit[] = [
  (g, i) => {
    const n = g.noun();
    return [
      `${i}function ${pascal(g.verb())}-${pascal(n)}Report${g.uid()} {`,
      `${i}    [CmdletBinding()]`,
      `${i}    param(`,
      `${i}        [Parameter(Mandatory = $true)][string]$Path,`,
      `${i}        [int]$Days = ${g.rng.int(1, 90)}`,
      `${i}    )`,
      `${i}    $cutoff = (Get-Date).AddDays(-$Days)`,
      `${i}    $items = Get-ChildItem -Path $Path -Filter '*.csv' -Recurse | Where-Object { $_.LastWriteTime -gt $cutoff }`,
      `${i}    foreach ($item in $items) {`,
      `${i}        $rows = Import-Csv -Path $item.FullName`,
      `${i}        $total = ($rows | Measure-Object -Property Amount -Sum).Sum`,
      `${i}        Write-Verbose "$($item.Name): $total"`,
      `${i}        [pscustomobject]@{ File = $item.Name; Rows = $rows.Count; Total = $total; Status = '${g.adj()}' }`,
      `${i}    }`,
      `${i}}`,
      '',
    ];
  },
  (g, i) => {
    const n = g.noun();
    return [
      `${i}function Invoke-${pascal(n)}Sync${g.uid()} {`,
      `${i}    param([string]$Region = '${g.rng.pick(['westeurope', 'eastus', 'northeurope'])}', [switch]$WhatIf)`,
      `${i}    $uri = "https://${g.rng.pick(HOSTS)}/v1/${n}s?region=$Region"`,
      `${i}    $response = Invoke-RestMethod -Method Get -Uri $uri -Headers @{ Accept = 'application/json' }`,
      `${i}    $grouped = $response.items | Group-Object -Property status`,
      `${i}    foreach ($group in $grouped) {`,
      `${i}        if ($WhatIf) { Write-Host "Would sync $($group.Count) ${n}s ($($group.Name))"; continue }`,
      `${i}        $group.Group | ForEach-Object { Set-Content -Path (Join-Path $env:TEMP "$($_.id).json") -Value ($_ | ConvertTo-Json -Depth 5) }`,
      `${i}    }`,
      `${i}}`,
      '',
    ];
  },
  (g, i) => {
    const n = g.noun();
    const v = `${camel(n, 'settings')}${g.uid()}`;
    return [
      `${i}$${v} = @{`,
      `${i}    PageSize = ${g.rng.int(10, 200)}`,
      `${i}    Retries  = ${g.rng.int(1, 5)}`,
      `${i}    Endpoint = 'https://${g.rng.pick(HOSTS)}/v2'`,
      `${i}    Statuses = @('${g.adj()}', '${g.adj()}')`,
      `${i}}`,
      `${i}if ($${v}.Retries -gt 3) { Write-Warning 'Many retries configured' }`,
      '',
    ];
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Authentication code: `bad` plants a finding, `good` is correct authentication code (no finding intended).

interface AuthSnippets {
  bad: ((g: Gen, i: string) => string[])[];
  good: ((g: Gen, i: string) => string[])[];
}

const AUTH: Record<'powershell' | 'csharp' | 'python' | 'javascript' | 'typescript' | 'java', AuthSnippets> = {
  powershell: {
    bad: [
      (g, i) => [`${i}$secure = ConvertTo-SecureString '${g.secret()}' -AsPlainText -Force`, `${i}$cred = New-Object System.Management.Automation.PSCredential($env:SVC_USER, $secure)`, `${i}Connect-MsolService -Credential $cred`],
      (g, i) => [`${i}$body = @{ grant_type = 'password'; username = $env:SVC_USER; password = $env:SVC_PASSWORD; client_id = '${g.rng.guid()}' }`, `${i}$token = Invoke-RestMethod -Method Post -Uri 'https://login.microsoftonline.com/common/oauth2/token' -Body $body`],
    ],
    good: [
      (g, i) => [`${i}$refreshToken = (Get-AzKeyVaultSecret -VaultName 'partner-kv' -Name 'PartnerRefreshToken' -AsPlainText)`, `${i}$token = New-PartnerAccessToken -ApplicationId '${g.rng.guid()}' -RefreshToken $refreshToken -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation' -Tenant $env:PARTNER_TENANT_ID`],
    ],
  },
  csharp: {
    bad: [
      (g, i) => [`${i}private const string ClientSecret = "${g.secret()}";`],
      (_g, i) => [`${i}public async Task<AuthenticationResult> SignInAsync(IPublicClientApplication app, string user, string password)`, `${i}{`, `${i}    return await app.AcquireTokenByUsernamePassword(new[] { "https://api.partnercenter.microsoft.com/.default" }, user, password).ExecuteAsync();`, `${i}}`],
    ],
    good: [
      (_g, i) => [`${i}private IConfidentialClientApplication BuildApp(string clientId) =>`, `${i}    ConfidentialClientApplicationBuilder.Create(clientId).WithClientSecret(Environment.GetEnvironmentVariable("PARTNER_CLIENT_SECRET")).Build();`],
    ],
  },
  python: {
    bad: [
      (_g, i) => [`${i}def sign_in(app, username, password):`, `${i}    return app.acquire_token_by_username_password(username, password, scopes=["https://graph.microsoft.com/.default"])`, ''],
      (g, i) => [`${i}CLIENT_SECRET = "${g.secret()}"`, ''],
    ],
    good: [
      (_g, i) => [`${i}def partner_token(app, refresh_token):`, `${i}    return app.acquire_token_by_refresh_token(refresh_token, scopes=["https://api.partnercenter.microsoft.com/user_impersonation"])`, ''],
    ],
  },
  javascript: {
    bad: [
      (g, i) => [`${i}const clientSecret = '${g.secret()}';`],
      (_g, i) => [`${i}async function signIn(pca, username, password) {`, `${i}  return pca.acquireTokenByUsernamePassword({ scopes: ['https://graph.microsoft.com/.default'], username, password });`, `${i}}`, ''],
    ],
    good: [(_g, i) => [`${i}const credential = new DefaultAzureCredential();`, `${i}const secretClient = new SecretClient(process.env.KEY_VAULT_URL, credential);`, '']],
  },
  typescript: {
    bad: [
      (_g, i) => [`${i}export function tokenBody(user: string, pass: string): URLSearchParams {`, `${i}  const body = new URLSearchParams();`, `${i}  body.set('grant_type', 'password');`, `${i}  body.set('username', user);`, `${i}  body.set('password', pass);`, `${i}  return body;`, `${i}}`, ''],
      (g, i) => [`${i}export const clientSecret = '${g.secret()}';`],
    ],
    good: [(_g, i) => [`${i}export const credential = new ClientSecretCredential(process.env.TENANT_ID!, process.env.CLIENT_ID!, process.env.CLIENT_SECRET!);`, '']],
  },
  java: {
    bad: [
      (_g, i) => [`${i}public IAuthenticationResult signIn(PublicClientApplication app, String user, String password) throws Exception {`, `${i}    return app.acquireToken(UserNamePasswordParameters.builder(SCOPES, user, password.toCharArray()).build()).get();`, `${i}}`],
      (g, i) => [`${i}private static final String CLIENT_SECRET = "${g.secret()}";`],
    ],
    good: [(_g, i) => [`${i}private final TokenCredential credential = new DefaultAzureCredentialBuilder().build();`]],
  },
};

/** Fill a file to about `lines` lines with units, planting one authentication snippet at a random unit. */
function fill(g: Gen, units: Unit[], lines: number, indent: string, auth?: (g: Gen, i: string) => string[]): string[] {
  const out: string[] = [];
  const plantAt = auth ? g.rng.int(0, Math.max(0, Math.floor(lines / 12) - 1)) : -1;
  let k = 0;
  while (out.length < lines) {
    if (k === plantAt && auth) out.push(...auth(g, indent));
    out.push(...g.rng.pick(units)(g, indent));
    if (g.rng.chance(0.15)) out.push(`${indent}${commentFor(g)}`);
    k++;
  }
  if (auth && plantAt >= k) out.push(...auth(g, indent));
  return out;
}

let commentStyle = '//';
function commentFor(g: Gen): string {
  return `${commentStyle} ${cap(g.verb())} the ${g.adj()} ${g.noun()}s before the ${g.noun()} step (ticket ${g.rng.int(1000, 9999)}).`;
}

type Plant = 'none' | 'good' | 'bad';

function codeFile(lang: keyof typeof AUTH, g: Gen, lines: number, plant: Plant): string {
  const auth = plant === 'none' ? undefined : g.rng.pick(AUTH[lang][plant]);
  const N = pascal(g.noun());
  switch (lang) {
    case 'csharp': {
      commentStyle = '//';
      const head = ['using System;', 'using System.Collections.Generic;', 'using System.Globalization;', 'using System.Linq;', 'using System.Net.Http;', 'using System.Net.Http.Json;', 'using System.Text;', 'using System.Threading;', 'using System.Threading.Tasks;', 'using Microsoft.Extensions.Logging;', '', `namespace Contoso.${N}.Services`, '{', `    public sealed class ${N}Service`, '    {', '        private readonly HttpClient _httpClient;', `        private readonly ILogger<${N}Service> _logger;`, '', `        public ${N}Service(HttpClient httpClient, ILogger<${N}Service> logger)`, '        {', '            _httpClient = httpClient;', '            _logger = logger;', '        }', ''];
      return [...head, ...fill(g, csharpUnits, lines - head.length - 2, '        ', auth), '    }', '}', ''].join('\n');
    }
    case 'java': {
      commentStyle = '//';
      const head = [`package com.contoso.${g.noun()};`, '', 'import java.io.IOException;', 'import java.net.URI;', 'import java.net.http.HttpClient;', 'import java.net.http.HttpRequest;', 'import java.net.http.HttpResponse;', 'import java.util.*;', 'import java.util.stream.Collectors;', 'import com.fasterxml.jackson.core.type.TypeReference;', 'import com.fasterxml.jackson.databind.ObjectMapper;', 'import org.slf4j.Logger;', 'import org.slf4j.LoggerFactory;', '', `public class ${N}Service {`, `    private static final Logger LOG = LoggerFactory.getLogger(${N}Service.class);`, '    private final HttpClient http = HttpClient.newHttpClient();', '    private final ObjectMapper mapper = new ObjectMapper();', ''];
      return [...head, ...fill(g, javaUnits, lines - head.length - 1, '    ', auth), '}', ''].join('\n');
    }
    case 'python': {
      commentStyle = '#';
      const head = ['"""Service helpers for the ' + g.noun() + ' pipeline."""', 'import logging', 'from collections import defaultdict', '', 'import requests', '', 'logger = logging.getLogger(__name__)', ''];
      return [...head, ...fill(g, pythonUnits, lines - head.length, '', auth), ''].join('\n');
    }
    case 'javascript': {
      commentStyle = '//';
      const head = ["'use strict';", '', "const path = require('node:path');", "const { EventEmitter } = require('node:events');", ''];
      return [...head, ...fill(g, jsUnits, lines - head.length - 1, '', auth), `module.exports = { name: '${g.noun()}' };`, ''].join('\n');
    }
    case 'typescript': {
      commentStyle = '//';
      const head = [`import type { HttpClient } from './http';`, `import { logger } from './log';`, '', `type ${N}Row = { id: string; name: string; amount: number; status: string };`, ''];
      return [...head, ...fill(g, tsUnits, lines - head.length, '', auth), ''].join('\n');
    }
    case 'powershell': {
      commentStyle = '#';
      const head = ['#Requires -Version 7.0', `<# .SYNOPSIS ${cap(g.verb())} ${g.noun()} data. #>`, 'Set-StrictMode -Version Latest', "$ErrorActionPreference = 'Stop'", ''];
      return [...head, ...fill(g, psUnits, lines - head.length, '', auth), ''].join('\n');
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Configuration files.

function jsonFile(g: Gen, lines: number, plant: Plant): string {
  const out = ['{', '  "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },', '  "AllowedHosts": "*",'];
  if (plant === 'bad') out.push('  "AzureAd": {', '    "Instance": "https://login.microsoftonline.com/",', `    "ClientId": "${g.rng.guid()}",`, `    "ClientSecret": "${g.secret()}"`, '  },');
  if (plant === 'good') out.push('  "AzureAd": {', '    "Instance": "https://login.microsoftonline.com/",', `    "ClientId": "${g.rng.guid()}",`, '    "ClientSecret": "@Microsoft.KeyVault(SecretUri=https://partner-kv.vault.azure.net/secrets/app-secret/)"', '  },');
  out.push('  "Features": {');
  let k = 0;
  while (out.length < lines - 4) {
    const n = g.noun();
    out.push(`    "${camel(g.adj(), n)}${k++}": { "enabled": ${g.rng.chance(0.5)}, "rollout": ${g.rng.int(0, 100)}, "owner": "${g.noun()}-team", "endpoint": "https://${g.rng.pick(HOSTS)}/${n}", "tags": ["${g.adj()}", "${g.noun()}"] },`);
  }
  out.push(`    "last": { "enabled": false }`, '  }', '}', '');
  return out.join('\n');
}

function yamlFile(g: Gen, lines: number, plant: Plant): string {
  const out = ['trigger:', '  branches:', '    include: [main]', 'pool:', '  vmImage: ubuntu-latest', 'variables:', `  buildConfiguration: Release`, `  region: ${g.rng.pick(['westeurope', 'eastus'])}`, 'steps:'];
  if (plant === 'bad') out.push('  - task: AzurePowerShell@5', '    inputs:', '      azureSubscription: partner-automation', '      ScriptType: InlineScript', '      Inline: |', "        $cred = New-Object System.Management.Automation.PSCredential($env:SVC_USER, (ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force))", '        Connect-MsolService -Credential $cred', '      azurePowerShellVersion: LatestVersion');
  if (plant === 'good') out.push('  - task: AzureKeyVault@2', '    inputs:', '      azureSubscription: partner-automation', '      KeyVaultName: partner-kv', "      SecretsFilter: 'PartnerRefreshToken'");
  let k = 0;
  while (out.length < lines) {
    const n = g.noun();
    switch (g.rng.int(0, 2)) {
      case 0:
        out.push(`  - script: dotnet test --configuration $(buildConfiguration) --filter Category=${pascal(n)}`, `    displayName: Test ${n}s ${k++}`);
        break;
      case 1:
        out.push('  - pwsh: |', `      $files = Get-ChildItem -Path $(Build.SourcesDirectory)/${n} -Recurse -Filter *.json`, `      Write-Host "Found $($files.Count) ${n} files"`, `    displayName: Count ${n} files ${k++}`);
        break;
      default:
        out.push('  - task: PublishBuildArtifacts@1', '    inputs:', `      PathtoPublish: $(Build.ArtifactStagingDirectory)/${n}`, `      ArtifactName: ${n}-${k++}`);
    }
  }
  out.push('');
  return out.join('\n');
}

function dotenvFile(g: Gen, lines: number, plant: Plant): string {
  const out = ['# Local settings for the ' + g.noun() + ' service', `PORT=${g.rng.int(3000, 9000)}`, 'NODE_ENV=development', `LOG_LEVEL=${g.rng.pick(['info', 'debug', 'warn'])}`];
  if (plant === 'bad') out.push(`PARTNER_APP_ID=${g.rng.guid()}`, `PARTNER_APP_SECRET=${g.secret()}`);
  if (plant === 'good') out.push(`PARTNER_APP_ID=${g.rng.guid()}`, 'KEYVAULT_SECRET_NAME=partner-app-secret');
  let k = 0;
  while (out.length < lines) {
    const n = g.noun().toUpperCase();
    out.push(g.rng.chance(0.5) ? `${n}_API_URL=https://${g.rng.pick(HOSTS)}/${n.toLowerCase()}` : `${n}_${g.adj().toUpperCase()}_LIMIT=${g.rng.int(1, 1000)}${k++ % 7 === 0 ? ' # tuned in load test' : ''}`);
  }
  out.push('');
  return out.join('\n');
}

function xmlFile(g: Gen, lines: number, plant: Plant): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <appSettings>'];
  if (plant === 'bad') out.push(`    <add key="ida:ClientId" value="${g.rng.guid()}" />`, `    <add key="ida:ClientSecret" value="${g.secret()}" />`);
  if (plant === 'good') out.push(`    <add key="ida:ClientId" value="${g.rng.guid()}" />`, '    <add key="KeyVaultEndpoint" value="https://partner-kv.vault.azure.net/" />');
  let k = 0;
  while (out.length < lines - 12) out.push(`    <add key="${pascal(g.noun(), g.adj())}${k++}" value="${g.rng.chance(0.5) ? g.rng.int(1, 1000) : `https://${g.rng.pick(HOSTS)}/${g.noun()}`}" />`);
  out.push('  </appSettings>', '  <connectionStrings>', `    <add name="Main" connectionString="Server=tcp:sql.contoso.com;Database=${g.noun()}s;Integrated Security=true;" providerName="System.Data.SqlClient" />`, '  </connectionStrings>', '  <system.web>', '    <compilation debug="false" targetFramework="4.8" />', '    <httpRuntime targetFramework="4.8" maxRequestLength="10240" />', '  </system.web>', '  <runtime>', '    <gcServer enabled="true" />', '  </runtime>', '</configuration>', '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

const EXT: Record<BenchLanguage, (i: number, g: Gen) => string> = {
  powershell: (i, g) => `${pascal(g.verb(), g.noun())}${i}.ps1`,
  csharp: (i, g) => `${pascal(g.noun())}Service${i}.cs`,
  python: (i, g) => `${snake(g.noun(), g.verb())}_${i}.py`,
  javascript: (i, g) => `${camel(g.noun(), g.verb())}${i}.js`,
  typescript: (i, g) => `${camel(g.noun(), g.verb())}${i}.ts`,
  java: (i, g) => `${pascal(g.noun())}Service${i}.java`,
  json: (i) => (i % 3 === 0 ? `appsettings.${i}.json` : `settings-${i}.json`),
  yaml: (i) => `azure-pipelines-${i}.yml`,
  dotenv: (i) => `service-${i}.env`,
  xml: (i) => (i % 2 === 0 ? `web.${i}.config` : `app.${i}.config`),
};

const SIZES: Record<BenchLanguage, [number, number]> = {
  powershell: [50, 800],
  csharp: [50, 800],
  python: [50, 800],
  javascript: [50, 800],
  typescript: [50, 800],
  java: [50, 800],
  json: [20, 400],
  yaml: [20, 300],
  dotenv: [5, 60],
  xml: [20, 300],
};

const CODE = new Set<BenchLanguage>(['powershell', 'csharp', 'python', 'javascript', 'typescript', 'java']);

/** Write the corpus into `dir` (emptied first) and describe it. */
/**
 * One well-formed code file of about `lines` lines with one planted authentication mistake (so every rule whose
 * words it holds runs, as in a file worth linting): the file the edit-latency figures type into. Cutting a
 * corpus file short would leave braces open, and a file with syntax errors is parsed afresh on every edit.
 */
export function codeFileOfLines(lang: BenchLanguage, lines: number, seed = 1): string {
  if (!CODE.has(lang)) throw new Error(`not a code language: ${lang}`);
  uids = 0;
  return codeFile(lang as keyof typeof AUTH, gen(new Rng(seed * 7919 + lines)), lines, 'bad');
}

export function generateCorpus(dir: string, o: CorpusOptions): CorpusStats {
  fs.rmSync(dir, { recursive: true, force: true });
  const stats: CorpusStats = { files: 0, lines: 0, bytes: 0, authFiles: 0, plantedFindings: 0, hugeFiles: 0, byLanguage: {} };
  const authRate = o.authRate ?? 0.06;
  const hugeRate = o.hugeRate ?? 0.004;
  LANGUAGES.forEach((lang, li) => {
    // One stream per language: adding files to one language does not change another's.
    const g = gen(new Rng((o.seed ?? 1) * 7919 + li * 104729));
    const per = { files: 0, lines: 0, bytes: 0 };
    for (let i = 0; i < o.perLanguage; i++) {
      const huge = CODE.has(lang) && (g.rng.chance(hugeRate) || (o.perLanguage >= 100 && i === Math.floor(o.perLanguage / 2)));
      const [lo, hi] = SIZES[lang];
      const lines = huge ? g.rng.int(5000, 6500) : g.rng.logInt(lo, hi);
      const plant: Plant = g.rng.chance(authRate) ? (g.rng.chance(0.5) ? 'bad' : 'good') : 'none';
      uids = 0;
      const text = CODE.has(lang)
        ? codeFile(lang as keyof typeof AUTH, g, lines, plant)
        : lang === 'json'
          ? jsonFile(g, lines, plant)
          : lang === 'yaml'
            ? yamlFile(g, lines, plant)
            : lang === 'dotenv'
              ? dotenvFile(g, lines, plant)
              : xmlFile(g, lines, plant);
      // Projects of ~50 files, folders per language, as a repository would have them.
      const sub = path.join(dir, `project-${String(Math.floor(i / 50)).padStart(3, '0')}`, lang);
      fs.mkdirSync(sub, { recursive: true });
      const file = path.join(sub, EXT[lang](i, g));
      fs.writeFileSync(file, text);
      const n = text.split('\n').length - 1;
      const b = Buffer.byteLength(text);
      per.files++;
      per.lines += n;
      per.bytes += b;
      if (plant !== 'none') stats.authFiles++;
      if (plant === 'bad') stats.plantedFindings++;
      if (huge) stats.hugeFiles++;
    }
    stats.byLanguage[lang] = per;
    stats.files += per.files;
    stats.lines += per.lines;
    stats.bytes += per.bytes;
  });
  return stats;
}

/** Lines and bytes of any folder's files (for `--corpus DIR`). */
export function describeFolder(files: readonly string[]): Pick<CorpusStats, 'files' | 'lines' | 'bytes'> {
  let lines = 0;
  let bytes = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    bytes += buf.length;
    for (let i = 0; i < buf.length; i++) if (buf[i] === 10) lines++;
  }
  return { files: files.length, lines, bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const args = process.argv.slice(2);
  const get = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out = get('--out');
  if (!out) {
    process.stderr.write('usage: tsx test/bench/corpus.ts --out DIR [--per-language N] [--seed S]\n');
    process.exit(2);
  }
  const stats = generateCorpus(path.resolve(out), { perLanguage: Number(get('--per-language') ?? 100), seed: Number(get('--seed') ?? 1) });
  process.stdout.write(JSON.stringify(stats, null, 2) + '\n');
}
