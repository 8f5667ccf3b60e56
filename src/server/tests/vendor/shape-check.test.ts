import { describe, expect, it } from 'vitest';
import { shapeProblems } from './shape-check.ts';
import { at, type Members } from './shapes.ts';

const answer = {
  order: {
    orderId: '7',
    accountHolder: { id: '1', department: { id: '12', name: 'Development' } },
    segments: [{ plan: { optionalFeatures: [] } }, { plan: null }],
    fields: [{ id: 'A', text: 'x' }, { id: 'B', date: '2026-12-22T00:00:00Z' }],
    empty: [],
  },
};

describe('shapeProblems', () => {
  it('finds nothing when every member is there with its type', () => {
    const members: Members = {
      'order.orderId': 'string',
      ...at('order.accountHolder', { id: 'string', 'department.name': 'string' }),
      'order.fields[].id': 'string',
      'order.fields[].text': 'string?',
      'order.fields[].date': 'string?',
      'order.empty': 'array',
    };
    expect(shapeProblems(answer, members)).toEqual([]);
  });

  it('names a missing member, a member of another type, and the array item it is missing on', () => {
    expect(shapeProblems(answer, { 'order.accountHolder.officePhone': 'string' })).toEqual([
      'order.accountHolder.officePhone: missing (order.accountHolder.officePhone string)',
    ]);
    expect(shapeProblems(answer, { 'order.orderId': 'number' })).toEqual(['order.orderId: number expected, got string ("7")']);
    expect(shapeProblems(answer, { 'order.segments[].plan.optionalFeatures': 'array' })).toEqual(['order.segments[1].plan: object expected, got null']);
  });

  it('refuses to pass a member it could not look at: an empty array, or a some-items member on no item', () => {
    expect(shapeProblems(answer, { 'order.empty[].id': 'string' })).toEqual(['order.empty: no items, so order.empty[].id cannot be checked']);
    expect(shapeProblems(answer, { 'order.fields[].choice.id': 'string?' })).toEqual([
      'order.fields[].choice.id: on no item (expected string on at least one)',
    ]);
  });
});
