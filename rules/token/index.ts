// Public API of the offline token inspector: inspect, render, opt-in signature check, CLI exit status.
import type { TokenReport } from './types';

export { inspectToken } from './inspect';
export { renderTokenText, renderTokenMarkdown, tokenReportJson } from './render';
export { verifyTokenSignature } from './verify';
export type { SignatureResult } from './verify';
export type {
  AudienceInfo, ClaimInfo, ClientInfo, DirectoryRole, InputForm, InputKind, InspectOptions, MfaStatus,
  PartnerCenterVerdict, SamlAttribute, SamlInfo, TimeInfo, TokenError, TokenErrorCode, TokenKind, TokenReport,
} from './types';

/** CLI exit status: 0 only when Partner Center accepts; 1 any other verdict on a readable token; 2 unreadable input. */
export function tokenExitCode(report: TokenReport): 0 | 1 | 2 {
  if (report.input === 'invalid' || report.partnerCenter === 'not-a-token') return 2;
  return report.partnerCenter === 'accept' ? 0 : 1;
}
