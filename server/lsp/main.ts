// Language server entry point: `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (VS Code).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// createConnection picks the transport from the command line (--stdio, --node-ipc, --socket=N, --pipe=NAME).
const connection = createConnection(ProposedFeatures.all);

// Nothing may take the server down: log and keep serving.
process.on('uncaughtException', (e) => connection.console.error(`partner-auth-lint: uncaught ${e.name}: ${e.message.slice(0, 200)}`));
process.on('unhandledRejection', (e) => connection.console.error(`partner-auth-lint: unhandled rejection: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : 'non-error'}`));

startServer(connection);
