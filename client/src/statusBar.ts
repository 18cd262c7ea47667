// The status bar item: server state and the number of findings in the workspace; click opens Problems.
import * as vscode from 'vscode';
import { Commands, type StatusParams } from '../../server/lsp/protocol';

type ServerState = 'starting' | 'running' | 'stopped';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('partnerAuthLint.status', vscode.StatusBarAlignment.Right, 100);
  private state: ServerState = 'starting';
  private count = 0;
  private problem: StatusParams = { state: 'ok' };
  private baselined = 0;

  constructor() {
    this.item.name = 'Partner Auth Lint';
    this.item.command = Commands.showProblems;
    this.render();
    this.item.show();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  setCount(count: number): void {
    this.count = count;
    this.render();
  }

  /** Findings the workspace's `.partner-auth-lint-baseline.json` hides (open and scanned files). */
  setBaselined(count: number): void {
    this.baselined = count;
    this.render();
  }

  setProblem(p: StatusParams): void {
    this.problem = p;
    this.render();
  }

  private render(): void {
    const icon = this.state === 'running' ? (this.problem.state === 'ok' ? '$(shield)' : '$(warning)') : this.state === 'starting' ? '$(sync~spin)' : '$(error)';
    this.item.text = `${icon} Partner Auth ${this.count}`;
    const state = { starting: 'starting', running: 'running', stopped: 'stopped (run "Partner Auth Lint: Restart Server")' }[this.state];
    const baselined = this.baselined ? `\n${this.baselined} baselined finding${this.baselined === 1 ? '' : 's'} not shown (.partner-auth-lint-baseline.json).` : '';
    this.item.tooltip = `Partner Auth Lint: server ${state}; ${this.count} finding${this.count === 1 ? '' : 's'} in open and scanned files.${baselined}${this.problem.message ? `\n${this.problem.message}` : ''}\nClick to show them in the Problems view.`;
    this.item.backgroundColor = this.state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : this.problem.state !== 'ok' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
