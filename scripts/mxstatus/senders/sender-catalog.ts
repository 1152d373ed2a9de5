import type { SenderRule } from '../../../src/schemas/site-config.ts';

/**
 * Built-in rules for organisations that send much of Europe's mail, matched by the suffix of the
 * reverse-DNS name of their outbound servers. `content/site.yaml` adds rules or replaces one by id.
 */
export const builtInSenderRules: readonly SenderRule[] = [
  {
    id: 'microsoft',
    name: 'Outlook.com / Microsoft 365',
    hostSuffixes: ['outbound.protection.outlook.com', 'outlook.com', 'hotmail.com'],
    statusPage: 'https://portal.office.com/servicestatus',
  },
  { id: 'google', name: 'Gmail / Google', hostSuffixes: ['google.com'], statusPage: 'https://www.google.com/appsstatus/dashboard/' },
  { id: 'yahoo', name: 'Yahoo / AOL', hostSuffixes: ['yahoo.com', 'yahoo.net', 'aol.com'] },
  { id: 'apple', name: 'Apple iCloud', hostSuffixes: ['me.com', 'icloud.com', 'mac.com'], statusPage: 'https://www.apple.com/support/systemstatus/' },
  { id: 'united-internet', name: 'GMX / WEB.DE / IONOS', hostSuffixes: ['gmx.net', 'web.de', 'kundenserver.de', 'ionos.de', 'gmx.com', 'mail.com'] },
  { id: 't-online', name: 'T-Online', hostSuffixes: ['t-online.de'] },
  { id: 'freenet', name: 'freenet', hostSuffixes: ['freenet.de'] },
  { id: 'mailbox-org', name: 'mailbox.org', hostSuffixes: ['mailbox.org'] },
  { id: 'posteo', name: 'Posteo', hostSuffixes: ['posteo.de'] },
  { id: 'amazon-ses', name: 'Amazon SES', hostSuffixes: ['amazonses.com'], statusPage: 'https://health.aws.amazon.com/health/status' },
  { id: 'sendgrid', name: 'SendGrid', hostSuffixes: ['sendgrid.net'] },
];
