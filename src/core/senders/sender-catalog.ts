import type { SenderRule } from '../schemas/site-config.ts';

/**
 * Built-in rules for organisations that send much of Europe's mail, matched by the suffix of the
 * reverse-DNS name of their outbound servers and, where the organisation publishes them, by the
 * address ranges of those servers (see createSenderClassifier for how the two combine).
 * `content/site.yaml` adds rules or replaces one by id.
 *
 * Ranges come from each organisation's own SPF record (the record named in the comment), as
 * public copies of it show; where an organisation publishes none, or authorises by PTR or an
 * `exists:` macro, the rule has no ranges and its names are trusted alone. Hosting companies and
 * access providers are deliberately absent: their customers are not one sender.
 *
 * The list is ordered; on equal ranges or suffixes the later rule wins (site rules come last).
 */
export const builtInSenderRules: readonly SenderRule[] = [
  {
    id: 'microsoft',
    name: 'Outlook.com / Microsoft 365',
    hostSuffixes: ['outbound.protection.outlook.com', 'outlook.com', 'hotmail.com'],
    // spf.protection.outlook.com (Exchange Online and Outlook.com alike); Microsoft splits the
    // IPv6 /48 into /49…/52 pieces in newer copies of the record, all inside the /48.
    ipRanges: ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48'],
    statusPage: 'https://portal.office.com/servicestatus',
  },
  {
    id: 'google',
    name: 'Gmail / Google',
    hostSuffixes: ['google.com'],
    // _spf.google.com → _netblocks, _netblocks2 (IPv6) and _netblocks3.google.com, as Google's
    // help page "Google IP address ranges for outbound mail servers" tells senders to read them.
    ipRanges: [
      '35.190.247.0/24', '64.233.160.0/19', '66.102.0.0/20', '66.249.80.0/20', '72.14.192.0/18', '74.125.0.0/16',
      '108.177.8.0/21', '173.194.0.0/16', '209.85.128.0/17', '216.58.192.0/19', '216.239.32.0/19',
      '172.217.0.0/19', '172.217.32.0/20', '172.217.128.0/19', '172.217.160.0/20', '172.217.192.0/19',
      '172.253.56.0/21', '172.253.112.0/20', '108.177.96.0/19', '35.191.0.0/16', '130.211.0.0/22',
      '2001:4860:4000::/36', '2404:6800:4000::/36', '2607:f8b0:4000::/36', '2800:3f0:4000::/36', '2a00:1450:4000::/36', '2c0f:fb50:4000::/36',
    ],
    statusPage: 'https://www.google.com/appsstatus/dashboard/',
  },
  // _spf.mail.yahoo.com authorises by PTR (`ptr:yahoo.com ptr:yahoo.net`): no ranges to check.
  { id: 'yahoo', name: 'Yahoo / AOL', hostSuffixes: ['yahoo.com', 'yahoo.net', 'aol.com'], ipRanges: [] },
  {
    id: 'apple',
    name: 'Apple iCloud',
    hostSuffixes: ['me.com', 'icloud.com', 'mac.com'],
    // icloud.com's SPF record, including the small blocks of iCloud's mainland-China service.
    ipRanges: [
      '17.41.0.0/16', '17.58.0.0/16', '17.142.0.0/15', '17.57.155.0/24', '17.57.156.0/24', '57.103.64.0/18',
      '144.178.36.0/24', '144.178.38.0/24', '112.19.199.64/29', '112.19.242.64/29', '222.73.195.64/29', '157.255.1.64/29',
      '106.39.212.64/29', '123.126.78.64/29', '183.240.219.64/29', '39.156.163.64/29',
      '2a01:b747:3000:200::/56', '2a01:b747:3001:200::/56', '2a01:b747:3002:200::/56', '2a01:b747:3003:200::/56',
      '2a01:b747:3004:200::/56', '2a01:b747:3005:200::/56', '2a01:b747:3006:200::/56',
    ],
    statusPage: 'https://www.apple.com/support/systemstatus/',
  },
  {
    id: 'united-internet',
    name: 'GMX / WEB.DE / IONOS',
    hostSuffixes: ['gmx.net', 'gmx.com', 'gmx.de', 'web.de', 'mail.com', 'kundenserver.de', 'ionos.de', 'ionos.com', 'perfora.net'],
    // The union of the SPF records of gmx.net, gmx.com, web.de and _spf-eu.ionos.com (1&1 / IONOS).
    ipRanges: [
      '212.227.15.0/24', '212.227.17.0/27', '212.227.25.128/25', '212.227.126.128/25', '213.165.64.0/23',
      '217.72.192.64/26', '217.72.192.248/29', '217.72.207.0/27', '82.165.159.0/24', '185.48.116.13/32',
      '74.208.4.192/26', '74.208.5.64/26', '74.208.122.0/26', '2001:8d8:5c2::/64', '2001:8d8:5c5::/64',
    ],
  },
  {
    id: 't-online',
    name: 'T-Online',
    hostSuffixes: ['t-online.de'],
    // Telekom publishes 194.25.134.16/29 and 194.25.134.80/29 for its mail servers (the SPF record
    // it sets for hosted domains). Both lie in its mail platform's /24, which also holds its MX
    // hosts (e.g. mx03.t-online.de[194.25.134.73]); the whole /24 is allowed so that mailout hosts
    // outside the two /29s still count.
    ipRanges: ['194.25.134.0/24'],
  },
  // freenet.de publishes no ranges for its mout hosts that we could confirm: names alone.
  { id: 'freenet', name: 'freenet', hostSuffixes: ['freenet.de'], ipRanges: [] },
  {
    id: 'mailbox-org',
    name: 'mailbox.org',
    hostSuffixes: ['mailbox.org'],
    // mailbox.org's SPF record.
    ipRanges: ['80.241.56.0/21', '91.198.250.0/24', '195.10.208.0/24', '213.203.238.0/25', '2001:67c:2050::/48'],
  },
  {
    id: 'posteo',
    name: 'Posteo',
    hostSuffixes: ['posteo.de', 'posteo.net'],
    // posteo.de's SPF record.
    ipRanges: ['185.67.36.0/23', '2a05:bc0:1000::/47'],
  },
  {
    id: 'proton',
    name: 'Proton Mail',
    hostSuffixes: ['protonmail.ch', 'proton.ch', 'mail-europe.com'],
    // _spf.protonmail.ch and the _spf2.protonmail.ch it includes.
    ipRanges: [
      '185.70.40.0/24', '185.70.41.0/24', '185.70.43.0/24', '79.135.106.0/24', '79.135.107.0/24', '109.224.244.0/24',
      '85.9.206.169/32', '85.9.210.45/32', '188.165.51.139/32', '57.129.93.249/32',
    ],
    statusPage: 'https://status.proton.me/',
  },
  // spf.messagingengine.com is not confirmed here in full: names alone.
  { id: 'fastmail', name: 'Fastmail', hostSuffixes: ['messagingengine.com', 'fastmail.com'], ipRanges: [], statusPage: 'https://fastmailstatus.com/' },
  { id: 'zoho', name: 'Zoho Mail', hostSuffixes: ['zoho.com', 'zoho.eu', 'zohomail.com'], ipRanges: [], statusPage: 'https://status.zoho.com/' },
  { id: 'yandex', name: 'Yandex Mail', hostSuffixes: ['yandex.net', 'yandex.ru'], ipRanges: [] },
  { id: 'mail-ru', name: 'Mail.ru', hostSuffixes: ['mail.ru', 'smailru.net'], ipRanges: [] },
  { id: 'orange', name: 'Orange', hostSuffixes: ['orange.fr', 'wanadoo.fr'], ipRanges: [] },
  { id: 'seznam', name: 'Seznam.cz', hostSuffixes: ['seznam.cz'], ipRanges: [] },
  // STRATO's mail (the consumer and business mailboxes) leaves from *.smtp.rzone.de.
  { id: 'strato', name: 'STRATO', hostSuffixes: ['rzone.de', 'strato.de'], ipRanges: [] },
  { id: 'tuta', name: 'Tuta (Tutanota)', hostSuffixes: ['tutanota.de', 'tuta.io', 'tuta.com'], ipRanges: [] },
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    hostSuffixes: ['amazonses.com'],
    // amazonses.com's SPF record (all regions; older copies list 54.240.64.0/18 as two /19s).
    ipRanges: [
      '199.255.192.0/22', '199.127.232.0/22', '54.240.0.0/18', '54.240.64.0/18', '69.169.224.0/20', '23.249.208.0/20',
      '23.251.224.0/19', '76.223.176.0/20', '76.223.128.0/19', '216.221.160.0/19', '206.55.144.0/20', '24.110.64.0/18',
    ],
    statusPage: 'https://health.aws.amazon.com/health/status',
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    hostSuffixes: ['sendgrid.net'],
    // sendgrid.net's SPF record and the ab.sendgrid.net it includes.
    ipRanges: [
      '167.89.0.0/17', '208.117.48.0/20', '50.31.32.0/19', '198.37.144.0/20', '198.21.0.0/21', '192.254.112.0/20',
      '168.245.0.0/17', '149.72.0.0/16', '159.183.0.0/16', '223.165.113.0/24', '223.165.115.0/24', '223.165.118.0/23', '223.165.120.0/23',
    ],
    statusPage: 'https://status.sendgrid.com/',
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp / Mandrill',
    hostSuffixes: ['mcsv.net', 'mcdlv.net', 'rsgsv.net', 'mandrillapp.com'],
    // servers.mcsv.net. Mandrill (mandrillapp.com) sends from blocks inside the same two networks.
    ipRanges: ['205.201.128.0/20', '198.2.128.0/18', '148.105.8.0/21'],
    statusPage: 'https://status.mailchimp.com/',
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    hostSuffixes: ['mailgun.net', 'mailgun.org'],
    // _spf.mailgun.org and _spf.eu.mailgun.org. Its EU record shares four blocks with Mailjet (both
    // belong to Sinch); Mailjet, listed after, owns them when only the address is known.
    ipRanges: [
      '209.61.151.0/24', '166.78.68.0/22', '198.61.254.0/23', '192.237.158.0/23', '23.253.182.0/23', '104.130.96.0/28',
      '146.20.113.0/24', '146.20.191.0/24', '159.135.224.0/20', '69.72.32.0/20', '104.130.122.0/23', '146.20.112.0/26',
      '161.38.192.0/20', '143.55.224.0/21', '143.55.232.0/22', '159.112.240.0/20', '198.244.48.0/20',
      '141.193.32.0/23', '159.135.140.80/29', '159.135.132.128/25', '161.38.204.0/22', '87.253.232.0/21',
      '185.189.236.0/22', '185.211.120.0/22', '185.250.236.0/22', '143.55.236.0/22', '198.244.60.0/22',
    ],
    statusPage: 'https://status.mailgun.com/',
  },
  {
    id: 'mailjet',
    name: 'Mailjet',
    hostSuffixes: ['mailjet.com'],
    // spf.mailjet.com.
    ipRanges: ['178.33.111.144/32', '178.33.137.208/28', '178.33.221.0/24', '37.59.69.128/25', '37.59.249.0/24', '87.253.232.0/21', '185.189.236.0/22'],
    statusPage: 'https://status.mailjet.com/',
  },
  {
    id: 'brevo',
    name: 'Brevo (Sendinblue)',
    hostSuffixes: ['sendinblue.com', 'brevo.com'],
    // spf.sendinblue.com (which spf.brevo.com mirrors).
    ipRanges: [
      '185.41.28.0/22', '94.143.16.0/21', '185.24.144.0/22', '153.92.224.0/19', '213.32.128.0/18',
      '185.107.232.0/22', '77.32.128.0/18', '77.32.192.0/19', '212.146.192.0/18', '172.246.0.0/18',
    ],
    statusPage: 'https://status.brevo.com/',
  },
  // _spf.salesforce.com authorises through an `exists:` macro, and Marketing Cloud (ExactTarget)
  // sends from per-customer addresses: names alone.
  { id: 'salesforce', name: 'Salesforce / Marketing Cloud', hostSuffixes: ['salesforce.com', 'exacttarget.com'], ipRanges: [], statusPage: 'https://status.salesforce.com/' },
  { id: 'postmark', name: 'Postmark', hostSuffixes: ['mtasv.net', 'postmarkapp.com'], ipRanges: [], statusPage: 'https://status.postmarkapp.com/' },
  // sparkpostmail.com authorises through an `exists:` macro: names alone.
  { id: 'sparkpost', name: 'SparkPost', hostSuffixes: ['sparkpostmail.com'], ipRanges: [], statusPage: 'https://status.sparkpost.com/' },
  { id: 'hubspot', name: 'HubSpot', hostSuffixes: ['hubspotemail.net'], ipRanges: [], statusPage: 'https://status.hubspot.com/' },
  {
    id: 'zendesk',
    name: 'Zendesk',
    hostSuffixes: ['zdsys.com', 'zendesk.com'],
    // mail.zendesk.com.
    ipRanges: ['103.151.192.0/23', '185.12.80.0/22', '188.172.128.0/20', '192.161.144.0/20', '216.198.0.0/18'],
    statusPage: 'https://status.zendesk.com/',
  },
  {
    id: 'github',
    name: 'GitHub',
    hostSuffixes: ['github.com', 'github.net'],
    // github.com's SPF record names 192.30.252.0/22 and two older blocks; its notification servers
    // (out-N.smtp.github.com) also send from 140.82.112.0/20, GitHub's own block in its meta API.
    ipRanges: ['192.30.252.0/22', '208.74.204.0/22', '46.19.168.0/23', '140.82.112.0/20'],
    statusPage: 'https://www.githubstatus.com/',
  },
  // linkedin.com's SPF only includes Microsoft's and Google's records: names alone.
  { id: 'linkedin', name: 'LinkedIn', hostSuffixes: ['linkedin.com'], ipRanges: [] },
  {
    id: 'meta',
    name: 'Meta (Facebook, Instagram)',
    hostSuffixes: ['facebook.com', 'facebookmail.com', 'instagram.com'],
    // _spf.facebook.com (= facebookmail.com's record, which mail.instagram.com includes). It lists
    // IPv4 only, so a client named *.facebook.com that connects over IPv6 is not counted as Meta.
    ipRanges: [
      '66.220.144.128/25', '66.220.155.0/24', '66.220.157.0/25', '69.63.178.128/25',
      '69.63.181.0/24', '69.63.184.0/25', '69.171.232.0/24', '69.171.244.0/23',
    ],
    statusPage: 'https://metastatus.com/',
  },
  { id: 'paypal', name: 'PayPal', hostSuffixes: ['paypal.com'], ipRanges: [], statusPage: 'https://www.paypal-status.com/' },
];
