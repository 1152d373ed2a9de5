import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRelayProblem, recipientDomainOf, sanitizeReplyText, withoutDomains } from './parse-relay.ts';

describe('sanitizeReplyText', () => {
  const rows: readonly [string, string, string][] = [
    ['an address in angle brackets', '550 5.1.1 <Bob.Smith@example.org>: Recipient address rejected', '550 5.1.1 <…>: Recipient address rejected'],
    ['a display name in quotes before it', 'rejected for "Bob Smith" <bob@example.org> today', 'rejected for <…> today'],
    ['a bare address, and one in quotes: the words go whole', "User doesn't exist: bob@example.org, 'ann@example.net'", "User doesn't exist: … …"],
    ['an address written another way', 'for bob%40example.org, ann&#64;example.net, carl＠example.org, dora [at] example.org and "eve smith"@example.org, fred @ example.org, (gus)@example.org', 'for … … … … and … … …'],
    ['IPv4 at the end of a sentence or glued to words, IPv6 after a tag, IPv4 in IPv6', 'Client host 203.0.113.5. ip203.0.113.5 x_203.0.113.5 [IPv6:2001:db8::1] IP:2001:db8::1 2a01:4f8::203.0.113.5', 'Client host IP. ipIP x_IP [IPvIP] IPIP IP'],
    ['our IPv4 address in brackets and after IP=', 'The mail server [203.0.113.5] has been rate limited; IP=198.51.100.7 listed', 'The mail server [IP] has been rate limited; IP=IP listed'],
    ['IPv6, compressed and full, and with a zone', 'from [2001:db8::5] and 2001:0db8:0000:0000:0000:0000:0000:0005 and fe80::1%eth0', 'from [IP] and IP and IP'],
    ['times and versions stay', 'Try again at 17:43:27 (Postfix 3.8.6, TLSv1.3)', 'Try again at 17:43:27 (Postfix 3.8.6, TLSv1.3)'],
    ['blanks collapse', 'Try   again\tlater ', 'Try again later'],
  ];
  for (const [what, input, expected] of rows) test(what, () => assert.equal(sanitizeReplyText(input), expected));

  test('more spellings, from a second review: one blank, escaped quotes, double encoding, an entity without its semicolon, an IP in a host name', () => {
    const out = sanitizeReplyText('to bob @example.org or "John \\"JJ\\" Smith"@example.org or bob%2540example.org or ann&commat;example.org or carl&#64example.org via host-203-0-113-5.example.net');
    assert.equal(out, 'to … or … or … or … or … via DOMAIN');
  });

  test('the recipient\'s domain, its parents and its dashed spelling go before the cut, and a public suffix stays', () => {
    assert.equal(sanitizeReplyText(`550 5.7.1 ${'word '.repeat(38)}a contoso.com is not accepting`, ['contoso.com']).includes('contoso'), false);
    assert.equal(sanitizeReplyText('sales.contoso.com and contoso.com and contoso-com.mail.protection.outlook.com', ['sales.contoso.com']), 'DOMAIN and DOMAIN and DOMAIN.mail.protection.outlook.com');
    assert.equal(sanitizeReplyText('bücher.de and example.co.uk', ['bücher.de', 'shop.example.co.uk']), 'DOMAIN and DOMAIN');
  });

  test('at most 200 characters, the cut marked', () => {
    const text = sanitizeReplyText('word '.repeat(1000));
    assert.equal(text.length, 200);
    assert.ok(text.endsWith('…'));
  });

  test('only the first 1,000 characters are searched: a reply of 64 KB is read as its start', () => {
    // The word the cut falls in goes whole: half an address or an IP is still one.
    assert.equal(sanitizeReplyText(`${' '.repeat(993)}john.doe@example.org and more`), '');
    assert.equal(sanitizeReplyText(`refused ${' '.repeat(985)}203.0.113.5 and more`), 'refused');
    assert.equal(sanitizeReplyText(`${'y'.repeat(2_000)} bob@example.org`), '');
    // Long runs without blanks, which a search for addresses and IPs would try at every position.
    for (const token of ['a'.repeat(60_000), 'a:'.repeat(30_000), '1.'.repeat(30_000), '(in reply to '.repeat(4_000)]) {
      const problem = parseRelayProblem(`host mx.example.org[192.0.2.1] said: 451 ${token}`, 0);
      assert.ok(problem.kind === 'reply' && problem.reply.text.length <= 200);
    }
  });

  test('a hostile reply cannot smuggle an address out in pieces', () => {
    for (const input of ['<<a@b.example>>', 'a@b@c.example', 'mailto:bob@example.org', '"bob"@example.org', 'bob@[203.0.113.5]']) {
      assert.doesNotMatch(sanitizeReplyText(input), /@/, input);
    }
  });
});

describe('sanitizeReplyText and domains', () => {
  test("the receivers' own places stay (help pages, blocklists), everyone else's domain goes", () => {
    assert.equal(
      sanitizeReplyText('see https://aka.ms/postmaster and https://support.google.com/mail/?p=UnsolicitedRateLimitError; blocked using zen.spamhaus.org'),
      'see https://aka.ms/postmaster and https://support.google.com/mail/?p=UnsolicitedRateLimitError; blocked using zen.spamhaus.org',
    );
    assert.equal(
      sanitizeReplyText('Unauthenticated email from bank-secret.de is not accepted; mx01.praxis-verbund.de: Service unavailable; ibm.com and xn--mller-kva.de and müller.de'),
      'Unauthenticated email from DOMAIN is not accepted; DOMAIN: Service unavailable; DOMAIN and DOMAIN and DOMAIN',
    );
  });

  describe('edge cases', () => {
    test('what is left of an address around a domain, a bare local part, an encoded or unquoted display name', () => {
      assert.equal(sanitizeReplyText('for john.q.public%example.org and bob=40example.org'), 'for … and …');
      assert.equal(sanitizeReplyText('mailbox <bob> unknown'), 'mailbox <…> unknown');
      assert.equal(sanitizeReplyText('from =?UTF-8?B?w5xsa2U=?= and Mr Bob Smith <bob@example.org>'), 'from … and <…>');
    });
  });
});

describe('withoutDomains', () => {
  test("a sender's domain goes in every spelling a recipient's goes in, its parents too", () => {
    assert.equal(withoutDomains('mail from mail.shop-example.de and Shop-Example-DE was rate limited', ['mail.shop-example.de']), 'mail from DOMAIN and DOMAIN was rate limited');
  });

  describe('edge cases', () => {
    test('a text cut at its end loses the cut word: half a domain is still one', () => {
      const cut = `${'x '.repeat(85)}unsolicited mail from shop-ex…`;
      assert.doesNotMatch(withoutDomains(cut, ['shop-example.de']), /sho|p-ex/);
    });
  });
});

describe('recipientDomainOf', () => {
  test('the domain, in lower case; never more', () => {
    assert.equal(recipientDomainOf('Bob.Smith@Example.ORG'), 'example.org');
    assert.equal(recipientDomainOf('bob@Contoso.COM.'), 'contoso.com');
    assert.equal(recipientDomainOf('bob@Bücher.de'), 'bücher.de');
    assert.equal(recipientDomainOf('bob@_dmarc.example.org'), '_dmarc.example.org');
    assert.equal(recipientDomainOf('"a@b"@example.net'), 'example.net');
  });
  test('no well-formed domain, no domain', () => {
    for (const input of ['bob', 'bob@', 'bob@localhost', 'bob@[203.0.113.5]', 'bob@exa mple.org', `bob@${'a'.repeat(250)}.org`, 'bob@-x.org']) assert.equal(recipientDomainOf(input), null, input);
  });
});

describe('parseRelayProblem', () => {
  test('what it does not know is "other", sanitized', () => {
    assert.deepEqual(parseRelayProblem('Host or domain name not found. Name service error for name=bob@example.org type=MX', 0), { kind: 'other', text: 'Host or domain name not found. Name service error for … type=MX' });
  });
  test('the cut at 1,000 characters takes the word it falls in, through the reply too', () => {
    const problem = parseRelayProblem(`host mx.example.org[192.0.2.1] said: 550 5.1.1 ${' '.repeat(975)}bobsmith.secret@example.org ${'x '.repeat(100)}`, 0);
    assert.ok(problem.kind === 'reply' && !problem.reply.text.includes('bob'), JSON.stringify(problem));
    const ip = parseRelayProblem(`host mx.example.org[192.0.2.1] said: 550 5.7.1 refused ${' '.repeat(975)}198.51.100.200 ${'x '.repeat(100)}`, 0);
    assert.ok(ip.kind === 'reply' && !/198|51\./.test(ip.reply.text), JSON.stringify(ip));
  });

  test('a port beyond 65535 is no port', () => {
    const problem = parseRelayProblem('connect to mx.example.org[203.0.113.5]:99999: Connection refused', 0);
    assert.deepEqual(problem.kind === 'connect' && problem.relay.port, null);
  });
});
