// requirements*.txt: each requirement line (`adal==1.2.7`, `msal[broker]>=1.20 ; python_version > "3.8"`) is a package import.
import type { FileModel, LanguageId } from '../../model/types';
import { ConfigModel, contentStart, lineEnd, rng, skipBlanks } from './build';

/** A distribution name per PEP 508: letters/digits, with . _ - inside. */
const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;

export function parseRequirements(text: string, language: LanguageId): FileModel {
  const out = new ConfigModel(language, text, 'properties');
  for (let ls = contentStart(text); ls < text.length; ) {
    const le = lineEnd(text, ls);
    const nl = text.indexOf('\n', le);
    const next = nl < 0 ? text.length : nl + 1;
    const i = skipBlanks(text, ls, le);
    let commentAt = -1;
    for (let j = i; j < le; j++) {
      if (text[j] === '#' && (j === i || text[j - 1] === ' ' || text[j - 1] === '\t')) {
        commentAt = j;
        break;
      }
    }
    if (commentAt >= 0) out.comment(text.slice(commentAt + 1, le), commentAt, le);
    // Option lines (-r, -e, --index-url) and bare paths/URLs name no distribution.
    if (i < le && i !== commentAt && text[i] !== '-') {
      NAME.lastIndex = i;
      const m = NAME.exec(text);
      const end = m ? i + m[0].length : i;
      const follow = text[end];
      const isUrlOrPath = follow === ':' || follow === '+' || follow === '/' || follow === '\\' || (m !== null && m[0].endsWith('.whl'));
      if (m && !isUrlOrPath) out.packageImport(m[0], rng(i, end));
    }
    ls = next;
  }
  return out.finish();
}
