// no-basic-auth-protocol: exact messages (incl. where a value came from), the Remote PowerShell variants,
// severity, secrets kept out of messages, XOAUTH2 per protocol, `mail.smtp.auth` reported once per problem.
import assert from 'node:assert/strict';
import type { PartnerType } from '../../rules/engine/types';
import { flagged } from '../helpers/lint';

const SMTP = "authenticates to SMTP with the user's password (Basic SMTP AUTH)";
const SMTP_WHY = 'it cannot do MFA, and Exchange Online is retiring Basic authentication for SMTP AUTH client submission (disabled by default from the end of December 2026)';
const PS_SEND = 'Send through Microsoft Graph `sendMail` (`Send-MgUserMail`, or `Invoke-RestMethod` to `/users/{id}/sendMail`) with a SAM or app token, or use OAuth 2.0 (XOAUTH2) for SMTP.';
const CS_SEND = 'Send through Microsoft Graph (`graphClient.Users[id].SendMail`) with a SAM or app token, or use MailKit with `SaslMechanismOAuth2` and an MSAL token.';
const CONFIG_SEND = 'Send through Microsoft Graph `sendMail` with an app token, or configure OAuth 2.0 (XOAUTH2) for SMTP; then no mail password is needed.';
const V3 = 'the Exchange Online PowerShell V3 module: `Connect-ExchangeOnline -AccessToken $token -DelegatedOrganization $customer` with a SAM token, or certificate-based app-only';

const run = (text: string, file: string, partnerType: PartnerType = 'cpv') => flagged('no-basic-auth-protocol', text, file, { partnerType }, ['text', 'line', 'severity', 'message', 'tags']);

describe('no-basic-auth-protocol', () => {
  it('names the splatted hashtable that carries -Credential, and the variable a NetworkCredential came from', async () => {
    const ps = "$p = @{\n  SmtpServer = 'smtp.office365.com'\n  Credential = $c\n}\nSend-MailMessage @p -To 'noc@contoso.com'\n";
    assert.deepEqual(await run(ps, 'report.ps1'), [
      { text: '@p', line: 5, severity: 'warning', tags: undefined, message: `\`Send-MailMessage -Credential\` ${SMTP} (\`Credential\` in \`$p\`, line 1): ${SMTP_WHY}. ${PS_SEND}` },
    ]);
    const cs = 'class A { void M() {\n var cred = new NetworkCredential("u@contoso.com", "Sup3rS3cret!");\n var s = new SmtpClient("smtp.office365.com");\n s.Credentials = cred;\n} }\n';
    const [f] = await run(cs, 'Mailer.cs');
    assert.deepEqual(f, { text: 'cred', line: 4, severity: 'warning', tags: undefined, message: `\`SmtpClient.Credentials\` ${SMTP} (credential from \`cred\`, line 2): ${SMTP_WHY}. ${CS_SEND}` });
    assert.ok(!f.message.includes('Sup3rS3cret'), 'the password never reaches the message');
  });

  it('words Remote PowerShell findings by target: Exchange Online, on-premises Exchange, unknown URI', async () => {
    const ps = [
      "New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri 'https://outlook.office365.com/powershell-liveid/' -Credential $c -Authentication Basic",
      "New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri 'http://exch01.contoso.local/PowerShell/' -Authentication Basic",
      'Enter-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri $ExchangeUri -Authentication Basic',
      "Invoke-Command -ComputerName 'backup01' -Authentication Basic -ScriptBlock { hostname }",
      '',
    ].join('\n');
    assert.deepEqual(await run(ps, 'exo.ps1'), [
      { text: '-Authentication Basic', line: 1, severity: 'warning', tags: undefined, message: `\`New-PSSession -Authentication Basic\` to Exchange Online Remote PowerShell sends the user's password: it cannot do MFA, and Exchange Online has turned off both Basic authentication and Remote PowerShell. Use ${V3}.` },
      { text: '-Authentication Basic', line: 2, severity: 'warning', tags: undefined, message: `\`New-PSSession -Authentication Basic\` to Exchange Remote PowerShell sends the user's password with every request: it cannot do MFA, and the password crosses the network in reversible Base64. On-premises, use Kerberos (the default authentication); for Exchange Online, use ${V3}.` },
      { text: '-Authentication Basic', line: 3, severity: 'warning', tags: undefined, message: `\`Enter-PSSession -Authentication Basic\` to Exchange Remote PowerShell sends the user's password: it cannot do MFA, and Exchange Online has turned off both Basic authentication and Remote PowerShell. Use ${V3}; on-premises, use Kerberos (the default authentication).` },
    ]);
  });

  it('is a warning for every partner type', async () => {
    const py = 'import smtplib\ns = smtplib.SMTP("smtp.office365.com", 587)\ns.login(user, password)\n';
    for (const partnerType of ['csp', 'cpv', 'unknown'] as const) {
      assert.deepEqual((await run(py, 'job.py', partnerType)).map((f) => [f.text, f.severity]), [['login', 'warning']]);
    }
  });

  it('reports mail.smtp.auth=true only when no SMTP password shows where the password goes, and not with XOAUTH2', async () => {
    const only = 'spring.mail.host=smtp.office365.com\nspring.mail.properties.mail.smtp.auth=true\n';
    assert.deepEqual(await run(only, 'application.properties'), [
      { text: 'spring.mail.properties.mail.smtp.auth', line: 2, severity: 'warning', tags: undefined, message: `\`mail.smtp.auth=true\` turns on SMTP AUTH, which sends the user's password (Basic SMTP AUTH) unless XOAUTH2 is configured: ${SMTP_WHY}. ${CONFIG_SEND}` },
    ]);
    const withPassword = `${only}spring.mail.password=\${MAIL_PASSWORD}\n`;
    assert.deepEqual((await run(withPassword, 'application.properties')).map((f) => f.text), ['spring.mail.password']);
    const oauth = `${withPassword}spring.mail.properties.mail.smtp.auth.mechanisms=XOAUTH2\n`;
    assert.deepEqual(await run(oauth, 'application.properties'), []);
    const off = 'mail.smtp.host=relay.contoso.local\nmail.smtp.auth=false\n';
    assert.deepEqual(await run(off, 'mail.properties'), []);
  });

  it('leaves other providers\' mailboxes alone (Gmail, Yahoo, iCloud...): their sign-in is not Exchange Online Basic auth', async () => {
    const gmail = 'spring.mail.host=smtp.gmail.com\nspring.mail.username=me@gmail.com\nspring.mail.password=${MAIL_PASSWORD}\nspring.mail.properties.mail.smtp.auth=true\n';
    assert.deepEqual(await run(gmail, 'application.properties'), []);
    const yaml = 'spring:\n  mail:\n    host: smtp.mail.yahoo.com\n    username: me\n    password: ${EMAIL_PASSWORD}\n';
    assert.deepEqual(await run(yaml, 'application.yml'), []);
    const office = gmail.replace('smtp.gmail.com', 'smtp.office365.com').replace('me@gmail.com', 'me@contoso.com');
    assert.deepEqual((await run(office, 'application.properties')).map((f) => f.text), ['spring.mail.password']);
    const py = 'import smtplib\ns = smtplib.SMTP("smtp.gmail.com", 587)\ns.login(user, password)\n';
    assert.deepEqual(await run(py, 'send.py'), []);
  });

  it('XOAUTH2 configured for SMTP does not excuse an IMAP store signed in with a password', async () => {
    const java = [
      'import jakarta.mail.*;',
      'class Sync {',
      '  void run(Session session, Properties props) throws Exception {',
      '    props.put("mail.smtp.auth.mechanisms", "XOAUTH2");',
      '    Transport t = session.getTransport("smtp");',
      '    t.connect("smtp.office365.com", user, secret);',
      '    Store store = session.getStore("imaps");',
      '    store.connect("outlook.office365.com", user, secret);',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual((await run(java, 'Sync.java')).map((f) => [f.text, f.line]), [['connect', 8]]);
  });

  it('reports framework mail settings only where the framework, not this file, uses them', async () => {
    const py = [
      'import os',
      'EMAIL_HOST = "smtp.office365.com"',
      'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD")',
      'MAIL_PASSWORD = os.environ["MAIL_PASSWORD"]',
      'def send(server):',
      '    EMAIL_HOST_PASSWORD = "ignored local"',
      '    server.sendmail("a", ["b"], "x")',
      '    return MAIL_PASSWORD',
      '',
    ].join('\n');
    assert.deepEqual((await run(py, 'settings.py')).map((f) => [f.text, f.line]), [['EMAIL_HOST_PASSWORD', 3]]);
  });

  it('keeps one finding per problem: the password key in config, not the username or host', async () => {
    const json = '{ "Smtp": { "Host": "smtp.office365.com", "UserName": "a@contoso.com", "Password": "P4ssw0rd-2026" } }\n';
    const found = await run(json, 'appsettings.json');
    assert.deepEqual(found.map((f) => [f.text, f.line]), [['Password', 1]]);
    assert.ok(found[0].message.startsWith(`\`Smtp.Password\` means the app ${SMTP}: `));
    assert.ok(!found[0].message.includes('P4ssw0rd'), 'the password never reaches the message');
  });
});
