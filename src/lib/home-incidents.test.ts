import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { homeIncidents } from './home-incidents.ts';
import { incident, ongoing, resolved } from './test-fixtures.ts';

describe('homeIncidents', () => {
  test('ongoing incidents apart, the ten newest resolved ones as recent', () => {
    const many = Array.from({ length: 12 }, (_, i) => incident({ id: `2026-03-${String(i + 10).padStart(2, '0')}-microsoft-tls-failure` }));
    const home = homeIncidents([ongoing, ...many]);
    assert.deepEqual(home.ongoing, [ongoing]);
    assert.deepEqual(home.recent, many.slice(0, 10));
    assert.equal(home.noneRecent, null);
  });

  test('while an incident is going on and none is resolved, the recent section says "no other incidents"', () => {
    assert.equal(homeIncidents([ongoing]).noneRecent, 'incidents.noneOther');
  });

  test('without any incident it says "no incidents"', () => {
    assert.equal(homeIncidents([]).noneRecent, 'incidents.none');
    assert.equal(homeIncidents([resolved]).noneRecent, null);
  });
});
