import type { Random } from './random.ts';

/** A sending server as the demo invents it. */
export interface DemoHost {
  readonly name: string;
  readonly ip: string;
}

/** How one sending organisation behaves in the demo. */
export interface DemoSender {
  readonly id: string;
  /** New messages per hour at the busiest time of day, over both MX hosts. */
  readonly peakPerHour: number;
  readonly hosts: readonly DemoHost[];
  readonly tls: string;
  /** Exchange Online sends with BDAT (CHUNKING), everyone else with DATA. */
  readonly bdat: boolean;
  readonly fromDomains: readonly string[];
  messageId(random: Random): string;
}

const TLS13 = 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256';
const TLS13_128 = 'TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256';
/** What Outlook.com's servers negotiated once they recovered (see ../shared/design.md). */
export const OUTLOOK_TLS = 'TLSv1.2 with cipher ECDHE-RSA-AES256-SHA384 (256/256 bits)';

const HEX = '0123456789ABCDEF';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

function range(n: number, make: (i: number) => DemoHost): DemoHost[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds the demo's sending organisations; host pools are drawn from `random` once. */
export function demoSenders(random: Random): DemoSender[] {
  const outlookRegions = ['am6eur05', 'db8eur05', 'he1eur04', 'vi1eur05', 'eur01', 'eur02', 'eur03', 'eur04', 'eur05', 'am7eur03', 'db3eur04', 'fra01'];
  const outlookHosts = range(320, (i) => {
    const region = outlookRegions[i % outlookRegions.length]!;
    if (i % 9 === 4) {
      // Exchange Online also sends over IPv6 from 2a01:111:f403::/48.
      const suffix = random.int(0x600, 0x7ff).toString(16);
      return { name: `mail-${region}on20${suffix.slice(-3)}.outbound.protection.outlook.com`, ip: `2a01:111:f403:${random.int(0x2600, 0x2c1f).toString(16)}::${suffix}` };
    }
    const third = random.pick([20, 21, 22, 23, 24, 25, 66, 67, 68, 69, 70, 71]);
    const fourth = random.int(1, 254);
    return { name: `mail-${region}on2${pad(fourth, 3)}.outbound.protection.outlook.com`, ip: `40.107.${third}.${fourth}` };
  });
  const googlePrefixes = ['wr1', 'wm1', 'ed1', 'ej1', 'lj1', 'lf1', 'pl1', 'qt1', 'yb1', 'wr1', 'ej1'];
  const googleHosts = range(90, (i) => {
    const pfx = googlePrefixes[i % googlePrefixes.length]!;
    if (i % 5 === 2) {
      const x = random.int(0x600, 0x6ff).toString(16);
      return { name: `mail-${pfx}-x${x}.google.com`, ip: `2a00:1450:4864:20::${x}` };
    }
    const n = random.int(41, 182);
    return { name: `mail-${pfx}-f${n}.google.com`, ip: `209.85.${random.pick([128, 208, 218, 221, 167])}.${n}` };
  });
  return [
    {
      id: 'microsoft',
      peakPerHour: 70,
      hosts: outlookHosts,
      tls: OUTLOOK_TLS,
      bdat: true,
      fromDomains: ['outlook.com', 'hotmail.com', 'outlook.de', 'hotmail.de', 'live.de', 'stadtwerke-beispiel.de', 'kanzlei-muster.de', 'uni-beispiel.de'],
      messageId: (r) => {
        const box = `${r.pick(['AM9PR07', 'DB9PR03', 'PA4PR08', 'VI1PR02', 'DU0PR04', 'FR2P281'])}MB${r.int(1000, 9999)}`;
        return `${box}${r.chars(HEX, 32)}@${box}.eurprd0${r.int(1, 9)}.prod.outlook.com`;
      },
    },
    {
      id: 'google',
      peakPerHour: 95,
      hosts: googleHosts,
      tls: TLS13,
      bdat: false,
      fromDomains: ['gmail.com', 'googlemail.com', 'verein-beispiel.org'],
      messageId: (r) => `CA+${r.chars(B64, 44)}@mail.gmail.com`,
    },
    {
      id: 'united-internet',
      peakPerHour: 55,
      hosts: [
        ...range(5, (i) => ({ name: 'mout.gmx.net', ip: `212.227.15.${15 + i}` })),
        ...range(3, (i) => ({ name: 'mout.gmx.net', ip: `212.227.17.${20 + i}` })),
        ...range(3, (i) => ({ name: 'mout.web.de', ip: `212.227.15.${3 + i}` })),
        ...range(4, (i) => ({ name: 'mout.kundenserver.de', ip: `212.227.126.${130 + i}` })),
      ],
      tls: TLS13,
      bdat: false,
      fromDomains: ['gmx.de', 'gmx.net', 'web.de'],
      messageId: (r) => `trinity-${r.chars(HEX.toLowerCase(), 8)}-${r.chars(HEX.toLowerCase(), 4)}-${r.chars(HEX.toLowerCase(), 12)}-${r.int(1e12, 9e12)}@3c-app-gmx-bap${pad(r.int(1, 60), 2)}`,
    },
    {
      id: 't-online',
      peakPerHour: 30,
      hosts: range(12, (i) => ({ name: `mailout${pad(i + 1, 2)}.t-online.de`, ip: `194.25.134.${80 + i}` })),
      tls: TLS13,
      bdat: false,
      fromDomains: ['t-online.de'],
      messageId: (r) => `${r.int(1e12, 9e12)}.${r.chars(HEX, 6)}@t-online.de`,
    },
    {
      id: 'yahoo',
      peakPerHour: 10,
      hosts: range(24, (i) => ({ name: `sonic${301 + (i % 12)}-${20 + i}.consmr.mail.ir2.yahoo.com`, ip: `77.238.${176 + (i % 4)}.${100 + i}` })),
      tls: TLS13_128,
      bdat: false,
      fromDomains: ['yahoo.com', 'yahoo.de', 'aol.com'],
      messageId: (r) => `${r.int(100000000, 999999999)}.${r.int(1000000, 9999999)}.${r.int(1e12, 9e12)}@mail.yahoo.com`,
    },
    {
      id: 'apple',
      peakPerHour: 15,
      hosts: range(16, (i) => ({
        name: `${r2(i)}p00im-${['qukt', 'zteg', 'qufo', 'hyfv'][i % 4]}${pad(10000000 + i * 713, 8)}.me.com`,
        ip: `17.58.${60 + (i % 8)}.${random.int(10, 250)}`,
      })),
      tls: TLS13,
      bdat: false,
      fromDomains: ['icloud.com', 'me.com', 'mac.com'],
      messageId: (r) => `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-${r.chars(HEX, 4)}-${r.chars(HEX, 4)}-${r.chars(HEX, 12)}@icloud.com`,
    },
    {
      id: 'amazon-ses',
      peakPerHour: 28,
      hosts: range(40, (i) => {
        const third = 7 + (i % 3);
        const n = random.int(2, 250);
        return { name: `a${third}-${n}.smtp-out.eu-west-1.amazonses.com`, ip: `54.240.${third}.${n}` };
      }),
      tls: TLS13_128,
      bdat: false,
      fromDomains: ['shop-beispiel.de', 'reisen-beispiel.com', 'news.versand-beispiel.de'],
      messageId: (r) => `0102019${r.chars(HEX.toLowerCase(), 9)}-${r.chars(HEX.toLowerCase(), 8)}-${r.chars(HEX.toLowerCase(), 4)}-000000@eu-west-1.amazonses.com`,
    },
    {
      id: 'sendgrid',
      peakPerHour: 12,
      hosts: range(30, () => ({ name: `${random.chars(LOWER, 8)}.outbound-mail.sendgrid.net`, ip: `149.72.${random.int(120, 250)}.${random.int(2, 250)}` })),
      tls: TLS13,
      bdat: false,
      fromDomains: ['em.ticket-beispiel.de', 'mail.app-beispiel.io'],
      messageId: (r) => `${r.chars(B64, 22)}@geopod-ismtpd-${r.int(1, 40)}`,
    },
    {
      id: 'mailbox-org',
      peakPerHour: 6,
      hosts: range(8, (i) => ({ name: `mout-p-${101 + i * 11}.mailbox.org`, ip: `80.241.56.${151 + i}` })),
      tls: TLS13,
      bdat: false,
      fromDomains: ['mailbox.org'],
      messageId: (r) => `${r.int(100000000, 999999999)}.${r.int(1000, 9999)}.${r.int(1e12, 9e12)}@office.mailbox.org`,
    },
    {
      id: 'posteo',
      peakPerHour: 5,
      hosts: [
        { name: 'mout01.posteo.de', ip: '185.67.36.65' },
        { name: 'mout02.posteo.de', ip: '185.67.36.66' },
      ],
      tls: TLS13,
      bdat: false,
      fromDomains: ['posteo.de', 'posteo.net'],
      messageId: (r) => `${r.chars(HEX.toLowerCase(), 32)}@posteo.de`,
    },
    {
      id: 'freenet',
      peakPerHour: 6,
      hosts: range(3, (i) => ({ name: `mout${i + 1}.freenet.de`, ip: `195.4.92.${91 + i}` })),
      tls: TLS13_128,
      bdat: false,
      fromDomains: ['freenet.de'],
      messageId: (r) => `${r.chars(HEX.toLowerCase(), 16)}@freenet.de`,
    },
  ];
}

function r2(i: number): string {
  return ['qs51', 'st43', 'ms11', 'mr85'][i % 4]!;
}

export const FIRST_NAMES = ['anna', 'lukas', 'lena', 'jonas', 'marie', 'felix', 'sophie', 'paul', 'laura', 'leon', 'julia', 'tim', 'sarah', 'max', 'hannah', 'david', 'lea', 'jan', 'emma', 'niklas', 'mia', 'tobias', 'clara', 'moritz'];
export const LAST_NAMES = ['mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'schulz', 'hoffmann', 'koch', 'richter', 'klein', 'wolf', 'neumann', 'schwarz', 'braun', 'zimmermann', 'krueger', 'hartmann'];

/** End-user access networks our own users submit from. */
export const ACCESS_NETWORKS: readonly ((r: Random) => DemoHost)[] = [
  (r) => {
    const ip = `93.${r.int(192, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
    const hex = ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join('');
    return { name: `p${hex}.dip0.t-ipconnect.de`, ip };
  },
  (r) => {
    const ip = `188.${r.int(96, 111)}.${r.int(0, 255)}.${r.int(1, 254)}`;
    return { name: `ip-${ip.replaceAll('.', '-')}.um${r.int(10, 40)}.pools.vodafone-ip.de`, ip };
  },
  (r) => ({ name: 'unknown', ip: `2a02:${r.int(0x8100, 0x81ff).toString(16)}:${r.int(0, 0xffff).toString(16)}:${r.int(0, 0xffff).toString(16)}::${r.int(1, 0xfff).toString(16)}` }),
];
