import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { senderRuleSchema, type SenderRule } from '../schemas/site-config.ts';
import { parseSiteConfig } from '../config/load-site-config.ts';
import { createPublishedHostName, createSenderClassifier, mergeSenderRules } from './classify-sender.ts';
import { registrableDomain } from './registrable-domain.ts';
import { builtInSenderRules } from './sender-catalog.ts';
import { timingChecks } from '../testing/timing-checks.ts';

const classify = createSenderClassifier(builtInSenderRules, { ownHostSuffixes: ['mx1.example.net', 'mx2.example.net'], domainOf: registrableDomain });

/** A client name and address as Postfix logs them, and the sender id it must yield (null: no sender). */
type Row = readonly [name: string, ip: string, expected: string | null];

const table: readonly Row[] = [
  // Mailbox providers, named and within their published ranges.
  ['mail-am6eur05on2071.outbound.protection.outlook.com', '40.107.22.71', 'microsoft'],
  ['mail-db8eur05on2061a.outbound.protection.outlook.com', '2a01:111:f403:2614::61a', 'microsoft'],
  ['mail-oln040092066026.outbound.protection.outlook.com', '40.92.66.26', 'microsoft'],
  ['mail-wr1-f41.google.com', '209.85.221.41', 'google'],
  ['mail-ej1-x62c.google.com', '2a00:1450:4864:20::62c', 'google'],
  ['sonic305-21.consmr.mail.ir2.yahoo.com', '77.238.178.122', 'yahoo'],
  ['omr-a011e.mx.aol.com', '204.29.186.59', 'yahoo'],
  ['qs51p00im-qukt01071501.me.com', '17.57.155.16', 'apple'],
  ['st43p00im-ztfb10063301.me.com', '17.58.63.177', 'apple'],
  ['mout.gmx.net', '212.227.15.19', 'united-internet'],
  ['mout.web.de', '212.227.15.3', 'united-internet'],
  ['mout.kundenserver.de', '212.227.126.131', 'united-internet'],
  ['mout.perfora.net', '74.208.4.196', 'united-internet'],
  ['mailout11.t-online.de', '194.25.134.85', 't-online'],
  ['mout.freenet.de', '194.97.196.11', 'freenet'],
  ['mout-p-102.mailbox.org', '80.241.56.152', 'mailbox-org'],
  ['mout-p-201.mailbox.org', '2001:67c:2050:0:465::201', 'mailbox-org'],
  ['mout01.posteo.de', '185.67.36.65', 'posteo'],
  ['mout02.posteo.de', '2a05:bc0:1000::66', 'posteo'],
  ['mail-40131.protonmail.ch', '185.70.40.131', 'proton'],
  ['fout-a2-smtp.messagingengine.com', '103.168.172.145', 'fastmail'],
  ['sender4-op-o12.zoho.com', '136.143.188.12', 'zoho'],
  ['forward500a.mail.yandex.net', '178.154.239.80', 'yandex'],
  ['smtp45.i.mail.ru', '95.163.41.83', 'mail-ru'],
  ['smtp-15.smtpout.orange.fr', '80.12.242.15', 'orange'],
  ['mxd2.seznam.cz', '77.75.76.210', 'seznam'],
  ['mo4-p00-ob.smtp.rzone.de', '81.169.146.177', 'strato'],
  ['mail.w13.tutanota.de', '185.205.69.213', 'tuta'],
  // Mail services of companies and platforms.
  ['a7-19.smtp-out.eu-west-1.amazonses.com', '54.240.7.19', 'amazon-ses'],
  ['e226-1.smtp-out.eu-central-1.amazonses.com', '69.169.226.1', 'amazon-ses'],
  ['wrqvbnzk.outbound-mail.sendgrid.net', '149.72.123.24', 'sendgrid'],
  ['mail135-12.atl141.mcsv.net', '198.2.135.12', 'mailchimp'],
  ['mail180-12.suw31.mandrillapp.com', '198.2.180.12', 'mailchimp'],
  ['m228-4.mailgun.net', '159.135.228.4', 'mailgun'],
  ['o82.p8.mailjet.com', '87.253.233.82', 'mailjet'],
  ['smtp-relay.sendinblue.com', '185.107.232.16', 'brevo'],
  ['db229.mta.exacttarget.com', '13.111.0.229', 'salesforce'],
  ['smtp04-ia2-sp3.mta.salesforce.com', '13.110.6.221', 'salesforce'],
  ['sc-ord-mta117.mtasv.net', '50.31.156.117', 'postmark'],
  ['mta-174-84-143.intercom.com.sparkpostmail.com', '192.174.84.143', 'sparkpost'],
  ['bd77e74.bf05.eu1.hubspotemail.net', '143.244.84.66', 'hubspot'],
  ['outbyoip15.pod18.euc1.zdsys.com', '188.172.138.15', 'zendesk'],
  ['out-21.smtp.github.com', '192.30.252.204', 'github'],
  ['out-28.smtp.github.com', '140.82.114.28', 'github'],
  ['mail321.linkedin.com', '108.174.3.121', 'linkedin'],
  ['66-220-155-156.mail-mail.facebook.com', '66.220.155.156', 'meta'],
  ['mx1.phx.paypal.com', '66.211.170.87', 'paypal'],
  // No name, or a name that matches no rule: the published ranges decide.
  ['unknown', '40.107.22.71', 'microsoft'],
  ['unknown', '2a01:111:f403:c200::5', 'microsoft'],
  ['unknown', '209.85.128.50', 'google'],
  ['unknown', '54.240.8.5', 'amazon-ses'],
  ['o1.ptr2625.news.versand-beispiel.de', '159.183.1.10', 'sendgrid'],
  // Forged reverse DNS: the name claims an organisation whose ranges do not hold the address.
  ['mail.outbound.protection.outlook.com', '198.51.100.23', null],
  ['mail-wr1-f41.google.com', '45.83.64.1', null],
  ['mout.gmx.net', '185.220.101.7', null],
  ['mail-am6eur05on2071.outbound.protection.outlook.com', '2001:db8:bad::1', null],
  ['mail-wr1-f41.google.com', '40.107.22.71', null],
  // Everyone else with a real name is grouped by the domain they registered.
  ['mail.uni-beispiel.de', '141.2.10.20', 'domain-uni-beispiel-de'],
  ['smtp.bbc.co.uk', '212.58.224.1', 'domain-bbc-co-uk'],
  ['mx1.shop.com.au', '203.2.218.10', 'domain-shop-com-au'],
  ['mail.stadtwerke-beispiel.de.', '91.198.1.20', 'domain-stadtwerke-beispiel-de'],
  ['MAIL.Kanzlei-Muster.DE', '88.99.10.20', 'domain-kanzlei-muster-de'],
  ['static.88-198-1-1.clients.your-server.de', '88.198.1.1', 'domain-your-server-de'],
  ['ec2-3-120-1-1.eu-central-1.compute.amazonaws.com', '3.120.1.1', 'domain-amazonaws-com'],
  ['vps1234.hosting-beispiel.net', '45.9.20.11', 'domain-hosting-beispiel-net'],
  // No sender of its own.
  ['unknown', 'unknown', null],
  ['unknown', '198.51.100.23', null],
  ['', '198.51.100.23', null],
  ['localhost', '127.0.0.1', null],
  ['localhost', '::1', null],
  ['mail.uni-beispiel.de', '10.20.0.5', null],
  ['mx2.example.net', '203.0.113.25', null],
  ['192.0.2.7', '192.0.2.7', null],
  ['mailgateway', '203.0.113.9', null],
  ['srv1.cloud-server.example', '45.1.2.3', null],
  ['exchange.corp.internal', '203.0.113.10', null],
];

/**
 * For each rule without ranges: its outbound servers, as public Received headers name them, must
 * be that organisation; other names under its suffixes — customers' home lines, web, office and
 * internal hosts, names it never sends from — must not, and fall back to their domain group.
 */
const nameOnlyTable: Readonly<Record<string, { readonly servers: readonly (readonly [name: string, ip: string])[]; readonly others: readonly Row[] }>> = {
  yahoo: {
    servers: [
      ['sonic305-21.consmr.mail.ir2.yahoo.com', '77.238.177.83'],
      ['sonic315-9.consmr.mail.gq1.yahoo.com', '98.137.65.33'],
      ['sonic-euwe1-0017.asd.mail.yahoo.com', '34.2.82.16'],
      ['web11904.mail.yahoo.com', '216.136.172.188'],
      ['imo-m25.mx.aol.com', '64.12.137.6'],
      ['omr-a011e.mx.aol.com', '204.29.186.59'],
    ],
    others: [
      ['media-router-fp1.prod.media.vip.ir2.yahoo.com', '87.248.100.215', 'domain-yahoo-com'],
      // AOL's dial-up users, their address in hex: AC9C4D21 is 172.156.77.33.
      ['ac9c4d21.ipt.aol.com', '172.156.77.33', 'domain-aol-com'],
      ['nm17-vm0.bullet.mail.ird.yahoo.net', '77.238.189.56', 'domain-yahoo-net'],
    ],
  },
  freenet: {
    servers: [
      ['mout.freenet.de', '194.97.212.12'],
      ['mout0.freenet.de', '195.4.92.90'],
      ['mout1.freenet.de', '195.4.92.91'],
      ['mout3.freenet.de', '2001:748:100:40::2:5'],
    ],
    others: [
      ['www.freenet.de', '195.4.92.212', 'domain-freenet-de'],
      ['dslb-088-070-012-034.088.070.pools.freenet.de', '88.70.12.34', 'domain-freenet-de'],
    ],
  },
  fastmail: {
    servers: [
      ['out1-smtp.messagingengine.com', '66.111.4.25'],
      ['wout1-smtp.messagingengine.com', '64.147.123.24'],
      ['fout-a3-smtp.messagingengine.com', '103.168.172.146'],
      ['fhigh-b8-smtp.messagingengine.com', '202.12.124.159'],
    ],
    others: [
      ['mail.fastmail.com', '103.168.172.47', 'domain-fastmail-com'],
      ['imap.messagingengine.com', '103.168.172.60', 'domain-messagingengine-com'],
    ],
  },
  zoho: {
    servers: [
      ['sender4-op-o12.zoho.com', '136.143.188.12'],
      ['sender4-pp-f112.zoho.com', '136.143.188.112'],
      ['sender-op-o17.zoho.eu', '136.143.169.17'],
      ['sender11-op-o11.zoho.eu', '31.186.226.225'],
    ],
    others: [
      ['www.zoho.com', '136.143.190.226', 'domain-zoho-com'],
      ['mx.zohomail.com', '136.143.183.44', 'domain-zohomail-com'],
    ],
  },
  yandex: {
    servers: [
      ['forward502a.mail.yandex.net', '178.154.239.82'],
      ['forward108j.mail.yandex.net', '5.45.198.253'],
      ['forwardcorp1b.mail.yandex.net', '178.154.239.136'],
    ],
    others: [
      ['mxback3j.mail.yandex.net', '2a02:6b8:0:1619::10c', 'domain-yandex-net'],
      ['sas1-5f0e9e8d1a2b.qloud-c.yandex.net', '37.9.64.10', 'domain-yandex-net'],
    ],
  },
  'mail-ru': {
    servers: [
      ['smtp39.i.mail.ru', '95.163.41.80'],
      ['send193.i.mail.ru', '95.163.59.32'],
      ['fallback22.i.mail.ru', '79.137.243.74'],
      ['f394.i.mail.ru', '185.5.136.65'],
      ['fallback23.m.smailru.net', '94.100.187.222'],
      ['smtpng2.m.smailru.net', '94.100.179.3'],
    ],
    others: [
      ['www.mail.ru', '217.69.139.200', 'domain-mail-ru'],
      ['cloud.mail.ru', '217.69.139.59', 'domain-mail-ru'],
    ],
  },
  orange: {
    servers: [
      ['smtp-81.smtpout.orange.fr', '80.12.242.81'],
      ['smtp05.smtpout.orange.fr', '80.12.242.127'],
      ['out-69.smtpout.orange.fr', '193.252.22.69'],
      ['smtp28.orange.fr', '80.12.242.101'],
      ['smtp4.wanadoo.fr', '193.252.22.26'],
      ['smtp-out-4.wanadoo.fr', '193.252.19.23'],
    ],
    others: [
      // Customers' home lines: the town, and the address spread over the labels.
      ['ARennes-651-1-97-34.w2-3.abo.wanadoo.fr', '2.3.97.34', 'domain-wanadoo-fr'],
      ['lfbn-idf1-1-123-45.w86-195.abo.wanadoo.fr', '86.195.123.45', 'domain-wanadoo-fr'],
      ['laubervilliers-658-1-215-187.w90-63.abo.wanadoo.fr', '90.63.246.187', 'domain-wanadoo-fr'],
      ['AMontpellier-201-1-1-55.abo.wanadoo.fr', '193.252.31.55', 'domain-wanadoo-fr'],
      ['www.orange.fr', '193.252.133.20', 'domain-orange-fr'],
    ],
  },
  seznam: {
    servers: [
      ['mxd2.seznam.cz', '77.75.76.210'],
      ['mxe.seznam.cz', '77.75.78.34'],
      ['mxf1.seznam.cz', '2a02:598:a::78:123'],
      ['mxd-2-a73.seznam.cz', '2a02:598:64:8a00::1000:a73'],
    ],
    others: [
      ['email-smtpc6a.ko.seznam.cz', '77.75.78.73', 'domain-seznam-cz'],
      ['www.seznam.cz', '77.75.79.222', 'domain-seznam-cz'],
    ],
  },
  strato: {
    servers: [
      ['mo4-p01-ob.smtp.rzone.de', '85.215.255.54'],
      ['mo4-p00-ob.smtp.rzone.de', '81.169.146.177'],
      ['mo6-p01-ob.smtp.rzone.de', '2a01:238:20a:202:5301::6'],
    ],
    others: [
      ['www.strato.de', '81.169.145.139', 'domain-strato-de'],
      ['smtp.rzone.de', '81.169.145.133', 'domain-rzone-de'],
    ],
  },
  tuta: {
    servers: [
      ['w1.tutanota.de', '81.3.6.162'],
      ['w4.tutanota.de', '81.3.6.165'],
      ['mail.w13.tutanota.de', '185.205.69.213'],
    ],
    others: [
      ['app.tuta.com', '185.205.69.4', 'domain-tuta-com'],
      ['www.tutanota.de', '81.3.6.130', 'domain-tutanota-de'],
    ],
  },
  salesforce: {
    servers: [
      ['smtp07-ia2-sp4.mta.salesforce.com', '13.110.14.214'],
      ['db229.mta.exacttarget.com', '13.111.0.229'],
      ['cr80.mta.exacttarget.com', '136.147.176.80'],
    ],
    others: [
      // An employee's laptop, sending through Gmail.
      ['dentonliu-ltm.internal.salesforce.com', '216.52.21.197', 'domain-salesforce-com'],
      ['reply.s50.exacttarget.com', '161.71.33.242', 'domain-exacttarget-com'],
    ],
  },
  postmark: {
    servers: [
      ['mta202a-ord.mtasv.net', '104.245.209.202'],
      ['sc-ord-mta120.mtasv.net', '50.31.156.120'],
      ['mta203-ab1.mtasv.net', '50.31.205.203'],
    ],
    others: [
      ['pm-bounces.mtasv.net', '50.31.156.6', 'domain-mtasv-net'],
      ['api.postmarkapp.com', '50.31.156.6', 'domain-postmarkapp-com'],
    ],
  },
  sparkpost: {
    servers: [
      ['mta-174-84-143.intercom.com.sparkpostmail.com', '192.174.84.143'],
      ['mta-174-81-118.atlassian.net.sparkpostmail.com', '192.174.81.118'],
      ['mta-83-184.sparkpostmail.com', '192.174.83.184'],
    ],
    others: [
      ['example.com.sink.sparkpostmail.com', '52.41.116.105', 'domain-sparkpostmail-com'],
    ],
  },
  hubspot: {
    servers: [
      ['bd77e74.bf05.eu1.hubspotemail.net', '143.244.84.66'],
      ['pgg17e.bf01x.hubspotemail.net', '54.174.52.216'],
    ],
    others: [
      ['t.hubspotemail.net', '104.17.171.5', 'domain-hubspotemail-net'],
      ['champagne-education.hs04a.dkim.hubspotemail.net', '104.17.171.5', 'domain-hubspotemail-net'],
    ],
  },
  linkedin: {
    servers: [['mail321.linkedin.com', '108.174.3.121']],
    others: [
      ['dagmar.corp.linkedin.com', '69.28.149.29', 'domain-linkedin-com'],
      ['www.linkedin.com', '13.107.42.14', 'domain-linkedin-com'],
    ],
  },
  paypal: {
    servers: [['mx1.phx.paypal.com', '66.211.170.87']],
    others: [
      ['www.paypal.com', '66.211.169.2', 'domain-paypal-com'],
      ['phxbastion2.phx.paypal.com', '66.211.168.10', 'domain-paypal-com'],
    ],
  },
};

/** A site rule without ranges or patterns: only the guard stands between its suffix and a home line. */
const stadtnetz: SenderRule = { id: 'stadtnetz', name: 'Stadtnetz Beispiel', hostSuffixes: ['stadtnetz-beispiel.de'], ipRanges: [] };
const classifyWithStadtnetz = createSenderClassifier(mergeSenderRules(builtInSenderRules, [stadtnetz]), { domainOf: registrableDomain });

describe('createSenderClassifier', () => {
  describe('rules without ranges: their mail servers only', () => {
    for (const [id, { servers, others }] of Object.entries(nameOnlyTable)) {
      describe(id, () => {
        for (const [name, ip] of servers) {
          test(`${name}[${ip}] is ${id}`, () => assert.equal(classify({ name, ip })?.id ?? null, id));
        }
        for (const [name, ip, expected] of others) {
          test(`${name}[${ip}] is not ${id} but ${expected ?? 'no sender'}`, () => assert.equal(classify({ name, ip })?.id ?? null, expected));
        }
      });
    }

    test('the table holds every built-in rule without ranges, with servers and other names', () => {
      const nameOnly = builtInSenderRules.filter((rule) => rule.ipRanges.length === 0).map((rule) => rule.id);
      assert.deepEqual(Object.keys(nameOnlyTable).sort(), nameOnly.sort());
      for (const [id, { servers, others }] of Object.entries(nameOnlyTable)) assert.ok(servers.length > 0 && others.length > 0, id);
    });

    test('a home line under the organisation\'s domain is an unknown sender, never named on the site', () => {
      assert.deepEqual(classify({ name: 'ARennes-651-1-97-34.w2-3.abo.wanadoo.fr', ip: '2.3.97.34' }), {
        id: 'domain-wanadoo-fr',
        name: 'wanadoo.fr',
        statusPage: null,
        known: false,
      });
    });
  });

  describe('the guard against access lines, for a rule without ranges or patterns', () => {
    const accessLines: readonly (readonly [name: string, ip: string])[] = [
      ['p5b0c1a2b.dip0.stadtnetz-beispiel.de', '91.12.26.43'],
      ['p5b0c1a2b.kunden.stadtnetz-beispiel.de', '91.12.26.43'],
      ['ip-188-100-1-2.um20.pools.stadtnetz-beispiel.de', '188.100.1.2'],
      ['adsl-84-227-1-2.stadtnetz-beispiel.de', '84.227.1.2'],
      ['dyn-12-34.stadtnetz-beispiel.de', '91.198.12.34'],
      ['x2f7fa21.dynamic.stadtnetz-beispiel.de', '47.127.162.1'],
      ['dsl-gw7.stadtnetz-beispiel.de', '91.198.7.7'],
      ['pool-71-2.stadtnetz-beispiel.de', '91.198.71.2'],
      ['dhcp-7-12.stadtnetz-beispiel.de', '91.198.7.12'],
      ['cable-91-198-7-13.stadtnetz-beispiel.de', '91.198.7.13'],
      ['ppp-7-14.stadtnetz-beispiel.de', '91.198.7.14'],
      ['pppoe7-15.stadtnetz-beispiel.de', '91.198.7.15'],
      ['client-7-16.stadtnetz-beispiel.de', '91.198.7.16'],
      ['customer-7-17.stadtnetz-beispiel.de', '91.198.7.17'],
      ['cust7-18.stadtnetz-beispiel.de', '91.198.7.18'],
      ['home-7-19.stadtnetz-beispiel.de', '91.198.7.19'],
      ['static-7-20.stadtnetz-beispiel.de', '91.198.7.20'],
      ['broadband-7-21.stadtnetz-beispiel.de', '91.198.7.21'],
      ['ftth-7-22.stadtnetz-beispiel.de', '91.198.7.22'],
      ['fibre7-23.stadtnetz-beispiel.de', '91.198.7.23'],
      ['fiber-7-24.stadtnetz-beispiel.de', '91.198.7.24'],
      ['93-184-216-34.stadtnetz-beispiel.de', '93.184.216.34'],
      ['34.216.184.93.stadtnetz-beispiel.de', '93.184.216.34'],
      ['h091198007025.stadtnetz-beispiel.de', '91.198.7.25'],
    ];
    for (const [name, ip] of accessLines) {
      test(`${name}[${ip}] is no server of the rule, only of its domain group`, () => {
        assert.equal(classifyWithStadtnetz({ name, ip })?.id ?? null, 'domain-stadtnetz-beispiel-de');
      });
    }

    const servers: readonly (readonly [name: string, ip: string])[] = [
      ['mail.stadtnetz-beispiel.de', '91.198.2.25'],
      ['mout2.stadtnetz-beispiel.de', '91.198.2.26'],
      ['mail-out3.stadtnetz-beispiel.de', '2001:db8:25::3'],
      ['mx01-fra.stadtnetz-beispiel.de', '91.198.2.27'],
      ['relay-2-1.stadtnetz-beispiel.de', '91.198.2.28'],
      ['stadtnetz-beispiel.de', '91.198.2.29'],
    ];
    for (const [name, ip] of servers) {
      test(`${name}[${ip}] is the rule's server`, () => assert.equal(classifyWithStadtnetz({ name, ip })?.id ?? null, 'stadtnetz'));
    }
  });

  describe('a table of real clients', () => {
    for (const [name, ip, expected] of table) {
      test(`${name || '(empty)'}[${ip}] is ${expected ?? 'no sender'}`, () => {
        assert.equal(classify({ name, ip })?.id ?? null, expected);
      });
    }
  });

  test('the table names every built-in organisation at least once', () => {
    const named = new Set(table.map(([, , id]) => id));
    const missing = builtInSenderRules.filter((rule) => !named.has(rule.id)).map((rule) => rule.id);
    assert.deepEqual(missing, []);
  });

  test('a catalog organisation carries its name and status page and is known', () => {
    assert.deepEqual(classify({ name: 'mail-wr1-f41.google.com', ip: '209.85.221.41' }), {
      id: 'google',
      name: 'Gmail / Google',
      statusPage: 'https://www.google.com/appsstatus/dashboard/',
      known: true,
    });
  });

  test('a domain group is named after its registrable domain, has no status page and is not known', () => {
    assert.deepEqual(classify({ name: 'mail.uni-beispiel.de', ip: '141.2.10.20' }), {
      id: 'domain-uni-beispiel-de',
      name: 'uni-beispiel.de',
      statusPage: null,
      known: false,
    });
  });

  test('every host of one domain yields the same sender object', () => {
    const a = classify({ name: 'mx1.uni-beispiel.de', ip: '141.2.10.21' });
    const b = classify({ name: 'mx2.uni-beispiel.de', ip: '141.2.10.22' });
    assert.ok(a);
    assert.equal(a, b);
  });

  describe('edge cases', () => {
    test('a suffix matches only at a label boundary', () => {
      assert.equal(classify({ name: 'evil-google.com', ip: '209.85.221.41' })?.id, 'google'); // by address
      assert.equal(classify({ name: 'evil-google.com', ip: '45.83.64.1' })?.id, 'domain-evil-google-com');
      assert.equal(classify({ name: 'notoutlook.com', ip: '45.83.64.1' })?.id, 'domain-notoutlook-com');
      assert.equal(classify({ name: 'google.com.evil.example.net', ip: '45.83.64.1' })?.id, 'domain-example-net');
    });

    test('a name equal to a suffix matches it', () => {
      assert.equal(classify({ name: 'google.com', ip: '209.85.221.41' })?.id, 'google');
    });

    test('the longest suffix wins over a shorter one of another rule', () => {
      const rules = mergeSenderRules(builtInSenderRules, [
        { id: 'stadtwerke-relay', name: 'Stadtwerke relay', hostSuffixes: ['relay.outlook.com'], ipRanges: [] },
      ]);
      const classifyWith = createSenderClassifier(rules, { domainOf: registrableDomain });
      assert.equal(classifyWith({ name: 'a.relay.outlook.com', ip: '198.51.100.1' })?.id, 'stadtwerke-relay');
      assert.equal(classifyWith({ name: 'a.outbound.protection.outlook.com', ip: '40.107.22.71' })?.id, 'microsoft');
    });

    test('upper case, a trailing dot and surrounding blanks do not matter', () => {
      assert.equal(classify({ name: 'MOUT.GMX.NET.', ip: '212.227.15.19' })?.id, 'united-internet');
      assert.equal(classify({ name: ' mout.gmx.net ', ip: '212.227.15.19' })?.id, 'united-internet');
      assert.equal(classify({ name: 'mail.example.co.uk..', ip: '81.2.69.160' })?.id, 'domain-example-co-uk');
    });

    test('an IPv4-mapped IPv6 address is read as IPv4', () => {
      assert.equal(classify({ name: 'unknown', ip: '::ffff:40.107.22.71' })?.id, 'microsoft');
      assert.equal(classify({ name: 'mout.gmx.net', ip: '::ffff:212.227.15.19' })?.id, 'united-internet');
    });

    test('internal addresses are never a sender, whatever the name claims', () => {
      for (const ip of ['127.0.0.1', '10.0.3.7', '172.16.0.9', '192.168.1.20', '100.64.0.1', '169.254.1.1', 'fe80::1%eth0', 'fd00::25']) {
        assert.equal(classify({ name: 'mout.gmx.net', ip }), null, ip);
      }
    });

    test('our own hosts are never a sender', () => {
      assert.equal(classify({ name: 'mx1.example.net', ip: '203.0.113.24' }), null);
      assert.equal(classify({ name: 'MX2.EXAMPLE.NET.', ip: '2001:db8::25' }), null);
      assert.equal(classify({ name: 'mx3.example.net', ip: '203.0.113.26' })?.id, 'domain-example-net');
    });

    test('a bare address or an address literal as a name is no name', () => {
      assert.equal(classify({ name: '40.107.22.71', ip: '40.107.22.71' })?.id, 'microsoft');
      assert.equal(classify({ name: '[198.51.100.4]', ip: '198.51.100.4' }), null);
      assert.equal(classify({ name: '2001:db8::4', ip: '2001:db8::4' }), null);
    });

    test('names without a registrable domain are no sender', () => {
      for (const name of ['localhost', 'mailgateway', 'co.uk', 'host.local', 'mx.lan', '4.3.2.1.in-addr.arpa', 'a..b.de', 'mail.münchen.de']) {
        assert.equal(classify({ name, ip: '198.51.100.77' }), null, name);
      }
    });

    test('the same name from another address is judged again for that address', () => {
      assert.equal(classify({ name: 'mout.gmx.net', ip: '212.227.15.19' })?.id, 'united-internet');
      assert.equal(classify({ name: 'mout.gmx.net', ip: '185.220.101.7' }), null);
      assert.equal(classify({ name: 'mout.gmx.net', ip: '212.227.17.20' })?.id, 'united-internet');
    });

    test('a rule without ranges trusts the name from any public address', () => {
      assert.equal(classify({ name: 'sonic305-21.consmr.mail.ir2.yahoo.com', ip: '2001:db8::1' })?.id, 'yahoo');
    });

    test('a name that matches a pattern but reads like an access line is still not trusted', () => {
      assert.equal(classify({ name: 'dyn-81.smtpout.orange.fr', ip: '80.12.242.81' })?.id, 'domain-orange-fr');
      assert.equal(classify({ name: 'mta-192-174-90-77.sparkpostmail.com', ip: '192.174.90.77' })?.id, 'domain-sparkpostmail-com');
      assert.equal(classify({ name: 'smtp-81.smtpout.orange.fr', ip: '80.12.242.81' })?.id, 'orange');
    });

    test('only the labels before the suffix are read by the guard', () => {
      const rules = mergeSenderRules(builtInSenderRules, [{ id: 'kunden-relay', name: 'Kunden relay', hostSuffixes: ['relay.kunden-dsl-beispiel.de'], ipRanges: [] }]);
      const classifyWith = createSenderClassifier(rules, { domainOf: registrableDomain });
      assert.equal(classifyWith({ name: 'out1.relay.kunden-dsl-beispiel.de', ip: '91.198.3.1' })?.id, 'kunden-relay');
      assert.equal(classifyWith({ name: 'dsl-3-2.relay.kunden-dsl-beispiel.de', ip: '91.198.3.2' })?.id, 'domain-kunden-dsl-beispiel-de');
    });

    test('a rule with ranges is not subject to the guard: its addresses already vouch for it', () => {
      assert.equal(classify({ name: '66-220-155-156.mail-mail.facebook.com', ip: '66.220.155.156' })?.id, 'meta');
      assert.equal(classify({ name: 'static.88-198-1-1.mail.gmx.net', ip: '212.227.15.19' })?.id, 'united-internet');
    });

    test('a name outside a rule\'s patterns falls to the address ranges first, then to its domain group', () => {
      const rules = mergeSenderRules(builtInSenderRules, [
        { id: 'partner', name: 'Partner', hostSuffixes: ['partner-beispiel.de'], hostPatterns: ['mail*.partner-beispiel.de'], ipRanges: ['91.198.4.0/24'] },
      ]);
      const classifyWith = createSenderClassifier(rules, { domainOf: registrableDomain });
      assert.equal(classifyWith({ name: 'mail2.partner-beispiel.de', ip: '91.198.4.2' })?.id, 'partner');
      assert.equal(classifyWith({ name: 'mail2.partner-beispiel.de', ip: '198.51.100.2' }), null);
      assert.equal(classifyWith({ name: 'vpn.partner-beispiel.de', ip: '91.198.4.3' })?.id, 'partner');
      assert.equal(classifyWith({ name: 'vpn.partner-beispiel.de', ip: '198.51.100.3' })?.id, 'domain-partner-beispiel-de');
    });

    test('a range shared by two rules belongs to the later one when only the address is known', () => {
      // 87.253.232.0/21 is in both Mailgun's EU record and Mailjet's.
      assert.equal(classify({ name: 'unknown', ip: '87.253.233.1' })?.id, 'mailjet');
      assert.equal(classify({ name: 'so254-32.mailgun.net', ip: '87.253.233.1' })?.id, 'mailgun');
    });

    test('a more specific range wins over a wider one of another rule', () => {
      const rules = mergeSenderRules(builtInSenderRules, [
        { id: 'relay-partner', name: 'Relay partner', hostSuffixes: [], ipRanges: ['209.85.221.0/24'] },
      ]);
      const classifyWith = createSenderClassifier(rules, { domainOf: registrableDomain });
      assert.equal(classifyWith({ name: 'unknown', ip: '209.85.221.41' })?.id, 'relay-partner');
      assert.equal(classifyWith({ name: 'unknown', ip: '209.85.220.41' })?.id, 'google');
      assert.equal(classifyWith({ name: 'mail-wr1-f41.google.com', ip: '209.85.221.41' })?.id, 'google');
    });

    test('a very long registrable domain gets a short, stable id', () => {
      const long = `${'verwaltungsgemeinschaft-'.repeat(2)}beispielstadt.com.au`;
      const sender = classify({ name: `mail.${long}`, ip: '81.2.69.161' });
      assert.ok(sender);
      assert.equal(sender.name, long);
      assert.match(sender.id, /^domain-[a-z0-9-]+-[0-9a-f]{8}$/);
      assert.ok(sender.id.length <= 63);
      assert.equal(createSenderClassifier([], { domainOf: registrableDomain })({ name: `mx.${long}`, ip: '81.2.69.162' })?.id, sender.id);
    });

    test('without rules, only domain groups remain', () => {
      const bare = createSenderClassifier([], { domainOf: registrableDomain });
      assert.equal(bare({ name: 'unknown', ip: '40.107.22.71' }), null);
      assert.equal(bare({ name: 'mail-am6eur05on2071.outbound.protection.outlook.com', ip: '40.107.22.71' })?.id, 'domain-outlook-com');
    });
  });

  describe('invalid input', () => {
    test('garbage addresses do not throw and are no sender, even for a rule that trusts names alone', () => {
      for (const ip of ['', 'unknown', '999.1.1.1', '1.2.3', '010.1.1.1', 'not-an-ip', '2001:db8::g', '[40.107.22.71]', '<img src=x onerror=alert(1)>']) {
        assert.equal(classify({ name: 'mail-am6eur05on2071.outbound.protection.outlook.com', ip }), null, ip);
        assert.equal(classify({ name: 'mout.freenet.de', ip }), null, ip);
        assert.equal(classify({ name: 'unknown', ip }), null, ip);
      }
    });

    test('markup and look-alike letters are no name: such a client is known by its address alone', () => {
      for (const name of ['<b>x</b>.outbound.protection.outlook.com', 'ｓｍｔｐ.outlook.com', 'mail.outlооk.com', 'a b.outbound.protection.outlook.com']) {
        assert.equal(classify({ name, ip: '40.107.99.14' })?.id, 'microsoft', name);
        assert.equal(classify({ name, ip: '198.51.100.88' }), null, name);
      }
    });

    test('a known server is published under its own name only: a plain host name under its organisation\'s suffixes', () => {
      const nameOf = createPublishedHostName(builtInSenderRules);
      assert.equal(nameOf('microsoft', 'mail-am6eur05on2071.outbound.protection.outlook.com'), 'mail-am6eur05on2071.outbound.protection.outlook.com');
      assert.equal(nameOf('microsoft', 'MAIL-X.Outbound.Protection.Outlook.com.'), 'MAIL-X.Outbound.Protection.Outlook.com.');
      for (const name of ['<b>x</b>.outbound.protection.outlook.com', 'ｓｍｔｐ.outlook.com', 'mail.outlооk.com', 'mail.example.org', 'unknown', '']) {
        assert.equal(nameOf('microsoft', name), 'unknown', name);
      }
      assert.equal(nameOf('google', 'mail-am6eur05on2071.outbound.protection.outlook.com'), 'unknown');
      assert.equal(nameOf('no-such-rule', 'mail.example.org'), 'unknown');
      // Where the rule has patterns, only its mail servers' names.
      assert.equal(nameOf('orange', 'smtp-81.smtpout.orange.fr'), 'smtp-81.smtpout.orange.fr');
      assert.equal(nameOf('orange', 'ARennes-651-1-97-34.w2-3.abo.wanadoo.fr'), 'unknown');
    });

    test('hostile names do not throw and are no sender', () => {
      for (const name of ['<script>.example.com', 'a b.example.com', '"quoted".example.com', '.', '...', '-', 'x'.repeat(300) + '.de', 'mail.example.com\n']) {
        assert.doesNotThrow(() => classify({ name, ip: '198.51.100.88' }));
      }
      assert.equal(classify({ name: '<script>.example.com', ip: '198.51.100.88' }), null);
      assert.equal(classify({ name: 'x'.repeat(300) + '.de', ip: '198.51.100.88' }), null);
    });

    test('a rule with a malformed range is refused when the classifier is built', () => {
      const bad: SenderRule = { id: 'bad', name: 'Bad', hostSuffixes: ['bad.example'], ipRanges: ['40.107.0.0/33'] };
      assert.throws(() => createSenderClassifier([bad]), /bad: "40\.107\.0\.0\/33" is not an IP range/);
    });

    test('a rule with a malformed host pattern is refused when the classifier is built', () => {
      const bad: SenderRule = { id: 'bad', name: 'Bad', hostSuffixes: ['bad.example'], hostPatterns: ['mail(.*).bad.example'], ipRanges: [] };
      assert.throws(() => createSenderClassifier([bad]), /bad: "mail\(\.\*\)\.bad\.example" is not a host-name pattern/);
    });

    test('hostile names under a rule without ranges do not throw and take no noticeable time', () => {
      const started = performance.now();
      for (const name of [`${'a-'.repeat(120)}a.mail.ir2.yahoo.com`, `${'1.'.repeat(110)}mail.yahoo.com`, `${'x'.repeat(63)}.${'y'.repeat(63)}.mail.${'z'.repeat(63)}.yahoo.com`]) {
        assert.doesNotThrow(() => classify({ name, ip: '198.51.100.90' }));
      }
      assert.ok(performance.now() - started < 100);
    });
  });
});

describe('mergeSenderRules', () => {
  test('a site rule with a built-in id replaces that rule', () => {
    const site: SenderRule = {
      id: 'microsoft',
      name: 'Exchange Online (our tenant partners)',
      hostSuffixes: ['outbound.protection.outlook.com'],
      ipRanges: ['40.107.0.0/16'],
    };
    const merged = mergeSenderRules(builtInSenderRules, [site]);
    assert.equal(merged.length, builtInSenderRules.length);
    assert.equal(merged.find((rule) => rule.id === 'microsoft'), site);
    const classifyWith = createSenderClassifier(merged, { domainOf: registrableDomain });
    assert.deepEqual(classifyWith({ name: 'mail-am6eur05on2071.outbound.protection.outlook.com', ip: '40.107.22.71' }), {
      id: 'microsoft',
      name: 'Exchange Online (our tenant partners)',
      statusPage: null,
      known: true,
    });
    // The replaced rule's other suffixes and ranges are gone with it.
    assert.equal(classifyWith({ name: 'unknown', ip: '40.92.66.26' }), null);
    assert.equal(classifyWith({ name: 'mail-oln040092066026.outbound.protection.outlook.com', ip: '40.92.66.26' }), null);
  });

  test('a site rule with a new id is added after the built-in ones', () => {
    const site: SenderRule = {
      id: 'stadtwerke-beispiel',
      name: 'Stadtwerke Beispiel',
      hostSuffixes: ['stadtwerke-beispiel.de'],
      ipRanges: ['91.198.1.0/24'],
      statusPage: 'https://status.stadtwerke-beispiel.de/',
    };
    const merged = mergeSenderRules(builtInSenderRules, [site]);
    assert.equal(merged.at(-1), site);
    const classifyWith = createSenderClassifier(merged, { domainOf: registrableDomain });
    assert.equal(classifyWith({ name: 'mail.stadtwerke-beispiel.de', ip: '91.198.1.20' })?.known, true);
    assert.equal(classifyWith({ name: 'mail.stadtwerke-beispiel.de', ip: '91.198.2.20' }), null);
  });
});

describe('builtInSenderRules', () => {
  test('the catalog names at least 30 organisations with unique ids', () => {
    const ids = builtInSenderRules.map((rule) => rule.id);
    assert.ok(ids.length >= 30, `${ids.length} organisations`);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('the ids the demo logs use are still there', () => {
    const ids = new Set(builtInSenderRules.map((rule) => rule.id));
    for (const id of ['microsoft', 'google', 'yahoo', 'apple', 'united-internet', 't-online', 'freenet', 'mailbox-org', 'posteo', 'amazon-ses', 'sendgrid']) {
      assert.ok(ids.has(id), id);
    }
  });

  test('every rule passes the schema that site rules pass', () => {
    for (const rule of builtInSenderRules) assert.deepEqual(senderRuleSchema.parse(rule), rule, rule.id);
  });

  test('every rule without ranges says which names are its mail servers, each pattern under its suffixes and each suffix under a pattern', () => {
    for (const rule of builtInSenderRules.filter((r) => r.ipRanges.length === 0)) {
      assert.ok(rule.hostPatterns && rule.hostPatterns.length > 0, rule.id);
      for (const suffix of rule.hostSuffixes) {
        assert.ok(rule.hostPatterns.some((pattern) => pattern.endsWith(`.${suffix}`)), `${rule.id}: no pattern under ${suffix}`);
      }
    }
  });

  test('suffixes are lower case, without a leading or trailing dot, and belong to one rule only', () => {
    const owners = new Map<string, string>();
    for (const rule of builtInSenderRules) {
      assert.ok(rule.hostSuffixes.length > 0, rule.id);
      for (const suffix of rule.hostSuffixes) {
        assert.match(suffix, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, `${rule.id}: ${suffix}`);
        assert.equal(owners.get(suffix), undefined, `${suffix} in ${rule.id} and ${owners.get(suffix)}`);
        owners.set(suffix, rule.id);
      }
    }
  });
});

describe('site rules in site.yaml', () => {
  const yaml = (ranges: string) => `name: Example Mail\nsite: https://status.example.net\nsenders:\n  - id: partner\n    name: Partner\n    hostSuffixes: [mail.partner.example]\n    ipRanges: ${ranges}\n`;

  test('valid IPv4 and IPv6 ranges are accepted', () => {
    const result = parseSiteConfig(yaml('[198.51.100.0/24, "2001:db8:25::/48"]'), 'content/site.yaml');
    assert.ok(result.ok);
    assert.deepEqual(result.value.senders[0]?.ipRanges, ['198.51.100.0/24', '2001:db8:25::/48']);
  });

  test('a rule without ranges gets an empty list', () => {
    const result = parseSiteConfig('name: Example Mail\nsite: https://status.example.net\nsenders:\n  - id: partner\n    name: Partner\n    hostSuffixes: [mail.partner.example]\n', 'content/site.yaml');
    assert.ok(result.ok);
    assert.deepEqual(result.value.senders[0]?.ipRanges, []);
  });

  const withPatterns = (patterns: string) =>
    `name: Example Mail\nsite: https://status.example.net\nsenders:\n  - id: partner\n    name: Partner\n    hostSuffixes: [partner.example]\n    hostPatterns: ${patterns}\n`;

  test('host patterns are accepted as written', () => {
    const result = parseSiteConfig(withPatterns('["mail*.partner.example", "**.out#.partner.example"]'), 'content/site.yaml');
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    assert.deepEqual(result.value.senders[0]?.hostPatterns, ['mail*.partner.example', '**.out#.partner.example']);
  });

  test('a rule without host patterns has none, not an empty list', () => {
    const result = parseSiteConfig(yaml('[]'), 'content/site.yaml');
    assert.ok(result.ok);
    assert.equal(result.value.senders[0]?.hostPatterns, undefined);
  });

  describe('invalid host patterns', () => {
    const cases: readonly (readonly [what: string, patterns: string, message: string])[] = [
      [
        'a regular expression',
        '["mail[0-9]+\\\\.partner\\\\.example"]',
        'senders[0].hostPatterns[0]: not a host-name pattern (got "mail[0-9]+\\\\.partner\\\\.example"); write a host name in which * stands for part of a label, # for digits and ** for whole labels, e.g. smtp*.smtpout.orange.fr or **.mail.*.yahoo.com',
      ],
      ['two ** labels', '["**.**.partner.example"]', 'senders[0].hostPatterns[0]: more than one ** label (got "**.**.partner.example"); keep one, e.g. smtp*.smtpout.orange.fr or **.mail.*.yahoo.com'],
      ['three wildcards in a label', '["*a#b*.partner.example"]', 'senders[0].hostPatterns[0]: more than 2 wildcards in one label (got "*a#b*.partner.example"); use fewer, e.g. smtp*.smtpout.orange.fr or **.mail.*.yahoo.com'],
      ['a pattern under another domain', '["mail*.partner.example", "mout*.freenet.de"]', 'senders[0].hostPatterns[1]: not under hostSuffixes (got "mout*.freenet.de"); end it in one of them (partner.example), or add its ending to hostSuffixes'],
      ['an empty list', '[]', 'senders[0].hostPatterns: an empty list (got []); list at least one, e.g. hostPatterns: [smtp*.smtpout.orange.fr]'],
    ];
    for (const [what, patterns, message] of cases) {
      test(`${what} is refused with a message that names the field, the value and the fix`, () => {
        const result = parseSiteConfig(withPatterns(patterns), 'content/site.yaml');
        assert.ok(!result.ok);
        assert.equal(result.problem.message, `content/site.yaml: ${message}`);
      });
    }
  });

  describe('invalid input', () => {
    for (const bad of ['40.107.0.0/33', '40.107/16', '40.107.0.0', '010.0.0.0/8', '2a01:111:f403::/129', 'outlook.com']) {
      test(`${bad} is refused with a message that names the field, the value and the fix`, () => {
        const result = parseSiteConfig(yaml(`["198.51.100.0/24", "${bad}"]`), 'content/site.yaml');
        assert.ok(!result.ok);
        const fix = bad === '40.107.0.0' ? 'add the prefix length, e.g. 40.107.0.0/32 for this one address' : 'write it in CIDR notation, e.g. 40.107.0.0/16 or 2a01:111:f403::/48';
        assert.equal(result.problem.message, `content/site.yaml: senders[0].ipRanges[1]: not an IP range (got ${JSON.stringify(bad)}); ${fix}`);
      });
    }
  });
});

// A timing check: `npm run bench` only (scripts/bench/timing-checks.ts).
if (timingChecks) describe('performance', () => {
  test('200,000 classifications of clients already seen take well under two seconds', () => {
    const clients = table.map(([name, ip]) => ({ name, ip }));
    for (const client of clients) classify(client);
    const started = performance.now();
    let known = 0;
    for (let i = 0; i < 200_000; i++) if (classify(clients[i % clients.length]!)?.known) known++;
    const elapsed = performance.now() - started;
    assert.ok(known > 0);
    assert.ok(elapsed < 2000, `${elapsed.toFixed(0)} ms`);
  });
});
