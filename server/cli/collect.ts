// Which files a scan reads: the given paths, walked recursively, minus .gitignore'd and configured ignores.
// The decision itself lives in server/common/files.ts, shared with the language server's workspace scan.
export { collectFiles, type Collected } from '../common/files';
