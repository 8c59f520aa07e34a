import { describe, expect, it } from 'vitest';
import { FormSyntaxError, parseForm } from './parse-form.js';

describe('Stripe form encoding', () => {
  it('unfolds bracket notation into objects and lists, as the SDK and curl send it', () => {
    expect(
      parseForm(
        'amount=500&metadata[order]=1001&metadata[note]=a%20b&expand[0]=charge&expand[1]=payment_intent',
      ),
    ).toEqual({
      amount: '500',
      metadata: { order: '1001', note: 'a b' },
      expand: ['charge', 'payment_intent'],
    });
    expect(parseForm('expand[]=data.latest_charge&expand[]=data.customer')).toEqual({
      expand: ['data.latest_charge', 'data.customer'],
    });
    expect(parseForm('items[0][price]=price_1&items[0][quantity]=2')).toEqual({
      items: [{ price: 'price_1', quantity: '2' }],
    });
    expect(parseForm('')).toEqual({});
  });

  it('refuses keys that are both a value and a container', () => {
    expect(() => parseForm('metadata=x&metadata[a]=b')).toThrow(FormSyntaxError);
    expect(() => parseForm('a]b=1')).not.toThrow();
    expect(() => parseForm('[a]=1')).toThrow(FormSyntaxError);
  });
});
