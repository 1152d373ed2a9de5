import type { SenderRule } from '../schemas/site-config.ts';

/**
 * Built-in rules for organisations that send much of Europe's mail, matched by the suffix of the
 * reverse-DNS name of their outbound servers and, where the organisation publishes them, by the
 * address ranges of those servers (see createSenderClassifier for how the two combine).
 * `content/site.yaml` adds rules or replaces one by id.
 *
 * Ranges come from each organisation's own SPF record (the record named in the comment), as
 * public copies of it show; where an organisation publishes none, or authorises by PTR or an
 * `exists:` macro, or no copy could be confirmed, the rule has no ranges and its names are trusted
 * alone. Such a rule lists in `hostPatterns` the names of the organisation's outbound mail servers
 * only, and its comment says what they rest on: the organisation's own word where there is one,
 * else the names its servers have in public Received headers (written by the receiving MTA —
 * Postfix, Exim, sendmail — from the client's reverse DNS, as `connect from` lines carry it). Names of
 * its web, office or customers' hosts under the same domain are not its mail servers, and names
 * that read like access lines are never trusted alone (see createSenderClassifier). Hosting
 * companies and access providers are deliberately absent: their customers are not one sender.
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
  {
    id: 'yahoo',
    name: 'Yahoo / AOL',
    // _spf.mail.yahoo.com authorises by PTR (`v=spf1 ptr:yahoo.com ptr:yahoo.net ?all`), and Yahoo
    // also sends from cloud addresses (sonic-euwe1-0017.asd.mail.yahoo.com[34.2.82.16]): no ranges
    // to check. Its outbound names in public Received headers all have a `mail` label below
    // yahoo.com (web11904.mail.yahoo.com[216.136.172.188], sonic305-21.consmr.mail.ir2.yahoo.com
    // [77.238.177.83], sonic-euwe1-0017.asd.mail.yahoo.com); AOL's relays are under mx.aol.com
    // (imo-m25.mx.aol.com[64.12.137.6], omr-….mx.aol.com). No sending name under yahoo.net was seen:
    // that suffix is left out.
    hostSuffixes: ['yahoo.com', 'aol.com'],
    hostPatterns: ['**.mail.yahoo.com', '**.mail.*.yahoo.com', '*.mx.aol.com'],
    ipRanges: [],
  },
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
  {
    id: 'freenet',
    name: 'freenet',
    hostSuffixes: ['freenet.de'],
    // No ranges for its relays could be confirmed: names alone. freenet's outbound relays are
    // mout.freenet.de and mout0…mout6.freenet.de in public Received headers over twenty years
    // (mout1.freenet.de[195.4.92.91], mout.freenet.de[194.97.212.12],
    // mout3.freenet.de[2001:748:100:40::2:5]); freenet is also an access provider, so nothing else.
    hostPatterns: ['mout.freenet.de', 'mout#.freenet.de'],
    ipRanges: [],
  },
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
  {
    id: 'fastmail',
    name: 'Fastmail',
    hostSuffixes: ['messagingengine.com'],
    // spf.messagingengine.com is not confirmed here in full: names alone. Fastmail's outbound
    // servers are `<role>[-<pod>]-smtp.messagingengine.com` in public Received headers
    // (out1-smtp.messagingengine.com[66.111.4.25], wout1-smtp…[64.147.123.24],
    // fout-a3-smtp…[103.168.172.146], fhigh-b8-smtp…[202.12.124.159]). No sending name under
    // fastmail.com was seen: that suffix is left out.
    hostPatterns: ['*-smtp.messagingengine.com'],
    ipRanges: [],
    statusPage: 'https://fastmailstatus.com/',
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    hostSuffixes: ['zoho.com', 'zoho.eu'],
    // No ranges confirmed: names alone. Zoho's outbound servers are sender<N>-<pool>-<n> under
    // zoho.com and zoho.eu in public Received headers (sender4-op-o12.zoho.com[136.143.188.12],
    // sender4-pp-f112.zoho.com[136.143.188.112], sender-op-o17.zoho.eu[136.143.169.17],
    // sender11-op-o11.zoho.eu[31.186.226.225]). No sending name under zohomail.com was seen: left out.
    hostPatterns: ['sender*.zoho.com', 'sender*.zoho.eu'],
    ipRanges: [],
    statusPage: 'https://status.zoho.com/',
  },
  {
    id: 'yandex',
    name: 'Yandex Mail',
    hostSuffixes: ['yandex.net'],
    // No ranges confirmed: names alone. Yandex's outbound relays are forward<N><dc> and
    // forwardcorp<N><dc> under mail.yandex.net in public Received headers
    // (forward502a.mail.yandex.net[178.154.239.82], forward108j.mail.yandex.net[5.45.198.253],
    // forwardcorp1b.mail.yandex.net[178.154.239.136]); mxback… and smtp… are hops inside it. No
    // sending name under yandex.ru was seen: left out.
    hostPatterns: ['forward*.mail.yandex.net'],
    ipRanges: [],
  },
  {
    id: 'mail-ru',
    name: 'Mail.ru',
    hostSuffixes: ['mail.ru', 'smailru.net'],
    // No ranges confirmed: names alone. Mail.ru's outbound servers in public Received headers are
    // smtp<N>, send<N>, fallback<N> and f<N> under i.mail.ru (smtp39.i.mail.ru[95.163.41.80],
    // send193.i.mail.ru[95.163.59.32], fallback22.i.mail.ru[79.137.243.74], f394.i.mail.ru
    // [185.5.136.65]) and fallback<N> and smtpng<N> under m.smailru.net
    // (fallback23.m.smailru.net[94.100.187.222], smtpng2.m.smailru.net[94.100.179.3]).
    hostPatterns: ['smtp#.i.mail.ru', 'send#.i.mail.ru', 'f#.i.mail.ru', 'fallback#.i.mail.ru', 'fallback#.m.smailru.net', 'smtpng#.m.smailru.net'],
    ipRanges: [],
  },
  {
    id: 'orange',
    name: 'Orange',
    hostSuffixes: ['orange.fr', 'wanadoo.fr'],
    // Orange is France's largest access provider too: orange.fr and wanadoo.fr also name its
    // customers' home lines (ARennes-651-1-97-34.w2-3.abo.wanadoo.fr, laubervilliers-658-1-215-187
    // .w90-63.abo.wanadoo.fr), whose bots once opened a false "Delayed mail from Orange". Only its
    // mail relays count, and no ranges for them could be confirmed. In public Received headers they
    // are under smtpout.orange.fr today (smtp-81.smtpout.orange.fr[80.12.242.81],
    // smtp05.smtpout.orange.fr[80.12.242.127], out-69.smtpout.orange.fr[193.252.22.69]) and were
    // smtp<N>.orange.fr and smtp….wanadoo.fr before (smtp28.orange.fr[80.12.242.101],
    // smtp4.wanadoo.fr[193.252.22.26], smtp-out-4.wanadoo.fr[193.252.19.23], smtprt16.wanadoo.fr).
    hostPatterns: ['*.smtpout.orange.fr', 'smtp*.orange.fr', 'smtp*.wanadoo.fr'],
    ipRanges: [],
  },
  {
    id: 'seznam',
    name: 'Seznam.cz',
    hostSuffixes: ['seznam.cz'],
    // No ranges confirmed: names alone. Seznam's outbound relays are mx<x>[N] in public Received
    // headers (mxd2.seznam.cz[77.75.76.210], mxe.seznam.cz[77.75.78.34],
    // mxf1.seznam.cz[2a02:598:a::78:123], mxd-2-a73.seznam.cz); email-smtpc….seznam.cz are hops
    // inside it, with private addresses.
    hostPatterns: ['mx*.seznam.cz'],
    ipRanges: [],
  },
  {
    id: 'strato',
    name: 'STRATO',
    hostSuffixes: ['rzone.de'],
    // No ranges confirmed: names alone. STRATO's mail (the consumer and business mailboxes) leaves
    // from mo<N>-p<NN>-ob.smtp.rzone.de in public Received headers (mo4-p01-ob.smtp.rzone.de
    // [85.215.255.54] and [81.169.146.165], mo6-p01-ob.smtp.rzone.de[2a01:238:20a:202:5301::6]).
    // No sending name under strato.de was seen: left out.
    hostPatterns: ['*.smtp.rzone.de'],
    ipRanges: [],
  },
  {
    id: 'tuta',
    name: 'Tuta (Tutanota)',
    hostSuffixes: ['tutanota.de'],
    // No ranges confirmed: names alone. Tuta's outbound servers are w<N>.tutanota.de and
    // mail.w<N>.tutanota.de in public Received headers (w1.tutanota.de[81.3.6.162],
    // w4.tutanota.de[81.3.6.165], mail.w13.tutanota.de[185.205.69.213]). tuta.io and tuta.com are
    // its users' mail domains, not its servers' names: left out.
    hostPatterns: ['w#.tutanota.de', 'mail.w#.tutanota.de'],
    ipRanges: [],
  },
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
  {
    id: 'salesforce',
    name: 'Salesforce / Marketing Cloud',
    hostSuffixes: ['salesforce.com', 'exacttarget.com'],
    // _spf.salesforce.com authorises through an `exists:%{i}._spf.mta.salesforce.com` macro, and
    // Marketing Cloud (ExactTarget) sends from per-customer addresses: names alone, of the MTAs
    // only. In public Received headers they are under mta.salesforce.com and mta.exacttarget.com
    // (smtp07-ia2-sp4.mta.salesforce.com[13.110.14.214], db229.mta.exacttarget.com[13.111.0.229],
    // cr80.mta.exacttarget.com[136.147.176.80]); other salesforce.com names are offices and
    // employees' machines (….internal.salesforce.com).
    hostPatterns: ['*.mta.salesforce.com', '*.mta.exacttarget.com'],
    ipRanges: [],
    statusPage: 'https://status.salesforce.com/',
  },
  {
    id: 'postmark',
    name: 'Postmark',
    hostSuffixes: ['mtasv.net'],
    // spf.mtasv.net is not confirmed here in full: names alone. Postmark's MTAs carry `mta` in
    // their names under mtasv.net in public Received headers (mta202a-ord.mtasv.net
    // [104.245.209.202], sc-ord-mta120.mtasv.net[50.31.156.120], mta203-ab1.mtasv.net
    // [50.31.205.203]). No sending name under postmarkapp.com was seen: left out.
    hostPatterns: ['*mta*.mtasv.net'],
    ipRanges: [],
    statusPage: 'https://status.postmarkapp.com/',
  },
  {
    id: 'sparkpost',
    name: 'SparkPost',
    hostSuffixes: ['sparkpostmail.com'],
    // sparkpostmail.com authorises through an `exists:%{i}._spf.sparkpostmail.com` macro: names
    // alone. SparkPost names its MTAs mta-<three octets>, with a dedicated address's customer
    // domain between that and sparkpostmail.com (mta-174-84-143.intercom.com.sparkpostmail.com
    // [192.174.84.143] in public Received headers).
    hostPatterns: ['mta-*.sparkpostmail.com', 'mta-*.**.sparkpostmail.com'],
    ipRanges: [],
    statusPage: 'https://status.sparkpost.com/',
  },
  {
    id: 'hubspot',
    name: 'HubSpot',
    hostSuffixes: ['hubspotemail.net'],
    // No ranges confirmed, and HubSpot also sends from cloud addresses: names alone. Its outbound
    // servers are <id>.bf<NN>[x][.<region>].hubspotemail.net in public Received headers
    // (bd77e74.bf05.eu1.hubspotemail.net[143.244.84.66], pgg17e.bf01x.hubspotemail.net
    // [54.174.52.216]); its other hubspotemail.net names are DKIM, SPF and tracking hosts.
    hostPatterns: ['*.bf*.hubspotemail.net', '*.bf*.*.hubspotemail.net'],
    ipRanges: [],
    statusPage: 'https://status.hubspot.com/',
  },
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
  {
    id: 'linkedin',
    name: 'LinkedIn',
    hostSuffixes: ['linkedin.com'],
    // No ranges confirmed: names alone. LinkedIn's mail servers are mail<x>.linkedin.com
    // (mail321.linkedin.com[108.174.3.121] in public Received headers; mail-c.linkedin.com is its
    // MX); its other names are offices (….corp.linkedin.com) and data-centre hosts. The pattern
    // rests on that one server family; a rule with LinkedIn's ranges would be safer.
    hostPatterns: ['mail*.linkedin.com'],
    ipRanges: [],
  },
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
  {
    id: 'paypal',
    name: 'PayPal',
    hostSuffixes: ['paypal.com'],
    // paypal.com's SPF includes pp._spf.paypal.com and third parties' records; no copy of
    // pp._spf's ranges could be confirmed: names alone. PayPal's mail servers are mx<N>.<site>
    // (mx1.phx.paypal.com[66.211.170.87] in a public header analysis); its other names are web,
    // office and bastion hosts. The pattern rests on that one sighting of one server family; a
    // rule with PayPal's ranges would be safer.
    hostPatterns: ['mx#.*.paypal.com'],
    ipRanges: [],
    statusPage: 'https://www.paypal-status.com/',
  },
];
