/**
 * The same organisations as the sender catalog (by id), as *receivers* of the mail our users send:
 * their inbound mail servers go by other names than their outbound ones. Matched on the name of
 * the relay Postfix's SMTP client delivered to — a name our own resolver found as the recipient
 * domain's MX (or its A/AAAA), so a receiver cannot take another's — and, when the relay says
 * nothing (a relay host in between, or `relay=none`), on the recipient's domain.
 *
 * Sources: the MX records of the organisations' own mail domains (outlook.com, hotmail.com →
 * `*.olc.protection.outlook.com`; gmail.com → `gmail-smtp-in.l.google.com`; yahoo.com, aol.com →
 * `mta*.am0.yahoodns.net`; gmx.net, gmx.de → `mx*.emig.gmx.net`; web.de → `mx-ha*.web.de`;
 * t-online.de → `mx*.t-online.de`; icloud.com → `mx*.mail.icloud.com`; …, as public DNS answers
 * them), and the organisations' documentation of the MX of the domains they host: Microsoft 365's
 * `<tenant>.mail.protection.outlook.com` (`<tenant>.<region>.mx.microsoft` with DNSSEC), Google Workspace's `aspmx.l.google.com` and
 * `smtp.google.com`, IONOS's `mx*.ionos.de`, Zoho's `mx*.zoho.eu`. Only domains an organisation
 * runs for the public are listed by domain: a business domain hosted there is known by its MX.
 */
export interface ReceiverRule {
  /** The organisation's id in the sender catalog. */
  readonly id: string;
  /** Name suffixes of its inbound servers (a whole label or more: `l.google.com` matches `alt1.gmail-smtp-in.l.google.com`). */
  readonly mxSuffixes: readonly string[];
  /** Mail domains of its public service: a recipient there is its user, whichever relay took the mail. */
  readonly domains: readonly string[];
}

export const builtInReceiverRules: readonly ReceiverRule[] = [
  {
    id: 'microsoft',
    mxSuffixes: ['mail.protection.outlook.com', 'olc.protection.outlook.com', 'mx.microsoft'],
    domains: ['outlook.com', 'outlook.de', 'hotmail.com', 'hotmail.de', 'hotmail.co.uk', 'hotmail.fr', 'live.com', 'live.de', 'msn.com'],
  },
  { id: 'google', mxSuffixes: ['l.google.com', 'smtp.google.com'], domains: ['gmail.com', 'googlemail.com'] },
  { id: 'yahoo', mxSuffixes: ['yahoodns.net'], domains: ['yahoo.com', 'yahoo.de', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'aol.com', 'aol.de'] },
  { id: 'apple', mxSuffixes: ['mail.icloud.com'], domains: ['icloud.com', 'me.com', 'mac.com'] },
  { id: 'united-internet', mxSuffixes: ['emig.gmx.net', 'web.de', 'gmx.net', 'ionos.de', 'ionos.com', 'kundenserver.de'], domains: ['gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'web.de'] },
  { id: 't-online', mxSuffixes: ['t-online.de'], domains: ['t-online.de', 'magenta.de'] },
  { id: 'freenet', mxSuffixes: ['freenet.de'], domains: ['freenet.de'] },
  { id: 'mailbox-org', mxSuffixes: ['mailbox.org'], domains: ['mailbox.org'] },
  { id: 'posteo', mxSuffixes: ['posteo.de'], domains: ['posteo.de', 'posteo.net'] },
  { id: 'proton', mxSuffixes: ['protonmail.ch'], domains: ['proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me'] },
  { id: 'fastmail', mxSuffixes: ['messagingengine.com'], domains: ['fastmail.com', 'fastmail.fm'] },
  { id: 'zoho', mxSuffixes: ['zoho.com', 'zoho.eu'], domains: ['zohomail.com', 'zohomail.eu'] },
  { id: 'yandex', mxSuffixes: ['yandex.net', 'yandex.ru'], domains: ['yandex.ru', 'yandex.com'] },
  { id: 'mail-ru', mxSuffixes: ['mail.ru'], domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru'] },
  { id: 'orange', mxSuffixes: ['orange.fr'], domains: ['orange.fr', 'wanadoo.fr'] },
  { id: 'seznam', mxSuffixes: ['seznam.cz'], domains: ['seznam.cz', 'email.cz'] },
  { id: 'strato', mxSuffixes: ['rzone.de'], domains: [] },
  { id: 'tuta', mxSuffixes: ['tutanota.de'], domains: ['tuta.com', 'tuta.io', 'tutanota.com', 'tutanota.de', 'tutamail.com'] },
];
