import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRelayProblem, recipientDomainOf, sanitizeReplyText } from './parse-relay.ts';

describe('sanitizeReplyText', () => {
  const rows: readonly [string, string, string][] = [
    ['an address in angle brackets', '550 5.1.1 <Bob.Smith@example.org>: Recipient address rejected', '550 5.1.1 <…>: Recipient address rejected'],
    ['a bare address, and one in quotes: the words go whole', "User doesn't exist: bob@example.org, 'ann@example.net'", "User doesn't exist: … …"],
    ['an address written another way', 'for bob%40example.org, ann&#64;example.net, carl＠example.org, dora [at] example.org and "eve smith"@example.org, fred @ example.org, (gus)@example.org', 'for … … … … and … … …'],
    ['IPv4 at the end of a sentence or glued to words, IPv6 after a tag, IPv4 in IPv6', 'Client host 203.0.113.5. ip203.0.113.5 x_203.0.113.5 [IPv6:2001:db8::1] IP:2001:db8::1 2a01:4f8::203.0.113.5', 'Client host IP. ipIP x_IP [IPvIP] IPIP IP'],
    ['our IPv4 address in brackets and after IP=', 'The mail server [203.0.113.5] has been rate limited; IP=198.51.100.7 listed', 'The mail server [IP] has been rate limited; IP=IP listed'],
    ['IPv6, compressed and full, and with a zone', 'from [2001:db8::5] and 2001:0db8:0000:0000:0000:0000:0000:0005 and fe80::1%eth0', 'from [IP] and IP and IP'],
    ['times and versions stay', 'Try again at 17:43:27 (Postfix 3.8.6, TLSv1.3)', 'Try again at 17:43:27 (Postfix 3.8.6, TLSv1.3)'],
    ['blanks collapse', 'Try   again\tlater ', 'Try again later'],
  ];
  for (const [what, input, expected] of rows) test(what, () => assert.equal(sanitizeReplyText(input), expected));

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

describe('recipientDomainOf', () => {
  test('the domain, in lower case; never more', () => {
    assert.equal(recipientDomainOf('Bob.Smith@Example.ORG'), 'example.org');
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
  test('a port beyond 65535 is no port', () => {
    const problem = parseRelayProblem('connect to mx.example.org[203.0.113.5]:99999: Connection refused', 0);
    assert.deepEqual(problem.kind === 'connect' && problem.relay.port, null);
  });
});
