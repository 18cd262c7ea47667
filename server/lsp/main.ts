// Language server entry point: `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (VS Code).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// createConnection picks the transport from the command line (--stdio, --node-ipc, --socket=N, --pipe=NAME).
const connection = createConnection(ProposedFeatures.all);

// Nothing may take the server down: log (class and frame only: messages may quote a document) and keep serving.
const frame = (e: unknown) => (e instanceof Error ? `${e.name} ${e.stack?.split('\n')[1]?.trim() ?? ''}` : 'non-error');
process.on('uncaughtException', (e) => connection.console.error(`partner-auth-lint: uncaught ${frame(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`partner-auth-lint: unhandled rejection ${frame(e)}`));

startServer(connection);
