// file:// URI <-> path conversion without a dependency (documents of other schemes have no path).
import { fileURLToPath, pathToFileURL } from 'node:url';

export const URI = {
  toPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  fromPath(p: string): string {
    return pathToFileURL(p).href;
  },
  /** A file name for language detection even for untitled: or remote documents. */
  fileName(uri: string): string {
    return URI.toPath(uri) ?? decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:/i, '').replace(/[?#].*$/, ''));
  },
};
