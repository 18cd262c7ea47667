// Keyword pre-filter: most files of a repository have no authentication vocabulary at all, and a rule can
// report nothing in a file that holds none of the words its detection starts from. Each rule's words are
// listed here (lower-case substrings, and a pattern where a substring cannot say it), so `lint` skips the rules
// whose words are absent and a batch scan (`LintOptions.skipWithoutVocabulary`) does not even parse a file
// that holds no rule's words.
//
// Soundness rests on each rule's words covering every way it can report: the names, keys, values, commands
// and URLs in its tables. test/engine/prefilter.test.ts proves it on every rule fixture twice: findings with and
// without the filter are identical, and a fixture with every line holding a rule's words blanked out gives
// that rule no finding (a detection without its words would show there). A rule missing from this table, or
// not the catalog's own object, always runs. Text that spells words through escapes (`\u0070`, `\x70`, `&#112;`, `\/`, PowerShell's
// backtick) is never filtered, since the engine decodes those. Words split across string concatenation
// (`'pass' + 'word'`) are not recognised.
import type { LanguageId } from '../model/types';
import { ALL_RULES } from '../registry';
import type { Rule } from './types';

/** The words describe the catalog's own detection code: another rule object under the same id always runs. */
const CATALOG = new Set<Rule>(ALL_RULES);

/** A rule's words: lower-case substrings of the text, and for what a substring cannot say, a pattern. */
export interface Vocabulary {
  words: readonly string[];
  pattern?: RegExp;
  /** Secret-named `…key` names (KEY_BEFORE). */
  secretKeys?: boolean;
}

/** Key and variable names that hold a secret (common/secrets.ts `secretKindOfKey`, matched after normalisation). */
const SECRET_WORDS = ['refresh', 'token', 'secret', 'credential', 'pass', 'pwd', 'contrasena', 'motdepasse'];
const SECRET_PATTERN = String.raw`(?<![a-z0-9])(?:rt|pw)(?![a-z0-9])|pat(?![a-z0-9])`;
/** `…key` names that hold secrets (`ApiKey`, `STORAGE_ACCOUNT_KEY`, `client-key`), checked where the text has `key`. */
const KEY_BEFORE = /(?:api|subscription|account|access|storage|primary|secondary|master|private|app|application|client|secret)[^a-z0-9\n]{0,3}$/;
/** Words of the values common/secret-values.ts follows to a secret beyond secret names (acquired tokens, token caches, headers). */
const SECRET_FLOW_WORDS = ['bearer', 'authoriz', 'ptrtostring', 'redeem', 'msal', 'serialize', 'loginpopup', 'ssosilent', 'handleredirectpromise'];
/** `login` is also in `LogInformation`. */
const LOGIN = String.raw`login(?!formation)`;
/** ADAL packages (`adal`, `adal-node`, `adal4j`, `ADAL.PS`) and ADAL Angular's provider. */
const ADAL = String.raw`adal(?![a-z])|adal(?:authenticationservice)?provider`;

/** Rule id -> the words one of which must occur for the rule to report anything. */
export const VOCABULARY: Readonly<Record<string, Vocabulary>> = {
  // grant_type=password, AZURE_PASSWORD, *UsernamePassword*, UserCredential, acquireToken(…, password), user sign-in commands, az login -p.
  'no-ropc': { words: ['grant', 'pass', 'credential', 'acquiretoken', 'connect-', 'add-az', 'add-au', 'add-pc', 'msal', 'csonline'], pattern: new RegExp(LOGIN, 'i') },
  // Secret-named keys, variables and parameters; positional secret arguments; tokens, connection strings and URL
  // credentials in strings; and secret values written to plain files (found as no-token-logging finds them: its words).
  'no-stored-credentials': {
    words: [...SECRET_WORDS, 'securestring', 'plaintext', 'eyj', ...SECRET_FLOW_WORDS],
    // URL credentials: `scheme://user:password@`, found from the `://`.
    pattern: new RegExp(String.raw`${SECRET_PATTERN}|${LOGIN}|[01]\.A[\w-]{60}|:\/\/[^\s:/@]+:[^\s@/]+@|${ADAL}`, 'i'),
    secretKeys: true,
  },
  // The Global Administrator role (id, names, identifiers), role assignments, admin consent links and prompts.
  'no-global-admin-consent': { words: ['admin', 'consent', '62e90394'] },
  // App-only tokens for Partner Center: its hosts (also the Partner API's) and app id, its SDK and PowerShell module, /generatetoken.
  'no-cpv-app-only': { words: ['partnercenter', 'api.partner.microsoft', 'fa3d9a0c', 'applicationcredentials', 'generatetoken', 'partneraccesstoken', 'pcauthentication'] },
  // response_type with token, grant_type implicit, implicit-flow registration, implicit-only libraries.
  'no-implicit-grant': { words: ['implicit', 'token', 'useragentapplication', 'authenticationcontext', 'mobileapplicationclient'], pattern: new RegExp(ADAL, 'i') },
  // Azure AD Graph hosts, app id, resource types, clients and environment endpoints.
  'no-azure-ad-graph': { words: ['graph', '00000002', 'activedirectory'] },
  // ADAL, MSOnline, AzureAD modules and packages, Azure AD Graph client libraries.
  'no-legacy-auth-library': { words: ['msol', 'msonline', 'azuread', 'activedirectory', 'graph'], pattern: new RegExp(ADAL, 'i') },
  // Refresh-token exchanges.
  'persist-rotated-refresh-token': { words: ['refresh'] },
  // Values that hold secrets (secret-named, acquired tokens, vault reads, token responses, token caches, Authorization headers).
  'no-token-logging': {
    words: [...SECRET_WORDS, 'securestring', ...SECRET_FLOW_WORDS, 'setsecret', 'add-mask'],
    pattern: new RegExp(`${SECRET_PATTERN}|${ADAL}`, 'i'),
    secretKeys: true,
  },
  // SMTP / IMAP / POP / EWS / remoting with passwords or Basic authentication.
  'no-basic-auth-protocol': { words: ['smtp', 'imap', 'pop3', 'pop.', 'pop-', 'mail', 'ews', 'credential', 'pass', 'pwd', 'basic', 'sasl', 'pssession', 'invoke-command'], pattern: new RegExp(LOGIN, 'i') },
};

/** Every word of every vocabulary, longest first: at one position the regex then returns the longest word found there. */
const ALL_WORDS = [...new Set(Object.values(VOCABULARY).flatMap((v) => v.words))].sort((a, b) => b.length - a.length || a.localeCompare(b));
const ANY_WORD = new RegExp(ALL_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'), 'g');
/** The words that are prefixes of a word (themselves included): found at the same position as it. */
const PREFIXES = new Map(ALL_WORDS.map((w) => [w, ALL_WORDS.filter((x) => w.startsWith(x))]));

/**
 * The vocabulary words `lower` holds, in one pass (one regex over the text instead of one search per word: six
 * times faster on the benchmark corpus). Every start position is tried, so overlapping words are all found.
 */
function wordsIn(lower: string): Set<string> {
  const found = new Set<string>();
  ANY_WORD.lastIndex = 0;
  for (let m = ANY_WORD.exec(lower); m; m = ANY_WORD.exec(lower)) {
    for (const w of PREFIXES.get(m[0])!) found.add(w);
    if (found.size === ALL_WORDS.length) break;
    ANY_WORD.lastIndex = m.index + 1;
  }
  return found;
}

/** True when the text holds one of `v`'s words (`found`: the words it holds). */
function holds(v: Vocabulary, text: string, lower: string, found: Set<string>): boolean {
  for (const w of v.words) if (found.has(w)) return true;
  if (v.secretKeys) {
    for (let at = lower.indexOf('key'); at >= 0; at = lower.indexOf('key', at + 3)) if (KEY_BEFORE.test(lower.slice(Math.max(0, at - 16), at))) return true;
  }
  return !!v.pattern?.test(text);
}

/** Escapes through which text can spell a word the patterns would miss. */
const ESCAPES = /\\u[0-9a-f]{4}|\\u\{|\\x[0-9a-f]{2}|\\[0-7]{3}|\\\/|&#/i;
/** PowerShell's backtick before a letter that is not an escape of its own (`` `w `` is `w`). */
const PS_BACKTICK = /`(?![abefnrtv0])[a-z]|`u\{/i;
/** Suppression comments: a file that has one is read in full (the `suppressions` listing reports them). */
const SUPPRESSION = /partner-auth-lint-/i;

/** True when the filter must not judge `text`: it may spell words through escapes. */
function escaped(text: string, language: LanguageId): boolean {
  return ESCAPES.test(text) || ((language === 'powershell' || language === 'yaml') && PS_BACKTICK.test(text));
}

/** The rules of `rules` that may report something in `text` (all of them when the text uses escapes). */
export function rulesFor(text: string, language: LanguageId, rules: readonly Rule[]): readonly Rule[] {
  // A batch scan asks twice for the same text (whether to parse it, then which rules to run): the last answer is kept.
  if (last && last.text === text && last.language === language && last.rules === rules) return last.result;
  let result = rules;
  if (!escaped(text, language)) {
    const lower = text.toLowerCase();
    const found = wordsIn(lower);
    result = rules.filter((r) => {
      const v = CATALOG.has(r) ? VOCABULARY[r.meta.id] : undefined;
      return !v || holds(v, text, lower, found);
    });
  }
  last = { text, language, rules, result };
  return result;
}

let last: { text: string; language: LanguageId; rules: readonly Rule[]; result: readonly Rule[] } | undefined;

/** False only when no rule of `rules` can report anything in `text` and it has no suppression comment: parsing it can be skipped. */
export function worthParsing(text: string, language: LanguageId, rules: readonly Rule[]): boolean {
  return SUPPRESSION.test(text) || rulesFor(text, language, rules).some((r) => r.meta.languages.includes(language));
}
