import { describe, expect, it } from 'vitest';
import { queryTerms } from './full-text.js';

describe('queryTerms', () => {
  it('keeps words and drops every operator and quote', () => {
    expect(queryTerms('"refund" OR NEAR(order*, 2) -- ; drop')).toEqual([
      'refund',
      'or',
      'near',
      'order',
      '2',
      'drop',
    ]);
  });

  it('keeps letters of every script, lower-cased', () => {
    expect(queryTerms('Ünïcode Заказ 注文')).toEqual(['ünïcode', 'заказ', '注文']);
  });

  it('has no terms for punctuation alone, and at most 16', () => {
    expect(queryTerms('*** ""')).toEqual([]);
    expect(queryTerms(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(16);
  });
});
