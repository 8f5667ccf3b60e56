import { describe, expect, it } from 'vitest';
import { bodyHash, canonicalJson } from './idempotency.ts';

describe('canonicalJson', () => {
  it('sorts members at every level and keeps array order and values as JSON writes them', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 'x"y' }], a: null, c: { e: true, d: 1.5 } })).toBe('{"a":null,"b":[3,{"a":"x\\"y","z":1}],"c":{"d":1.5,"e":true}}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('\u2028')).toBe(JSON.stringify('\u2028'));
  });

  it('agrees with JSON.stringify on values whose members are already sorted', () => {
    const value = { a: [1, [2, [3, {}]], 'text'], b: { c: false, d: -0.25 } };
    expect(canonicalJson(value)).toBe(JSON.stringify(value));
  });

  it('does not recurse: a value nested far beyond the stack is serialised', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(canonicalJson(deep)).toHaveLength(400_001);
  });

  it('hashes the same value written two ways alike', () => {
    expect(bodyHash(JSON.parse('{"x":1,"y":[1,2]}'))).toBe(bodyHash(JSON.parse('{ "y": [1, 2], "x": 1 }')));
    expect(bodyHash({ y: [2, 1] })).not.toBe(bodyHash({ y: [1, 2] }));
  });
});
