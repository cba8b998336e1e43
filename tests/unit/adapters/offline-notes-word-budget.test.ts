import { describe, expect, it } from 'vitest';
import { endsDangling, withinWords } from '../../../lambdas/adapters/offline-notes/word-budget';

describe('withinWords', () => {
  it('keeps a text that fits whole', () => {
    expect(withinWords('Total revenue is the price times the quantity sold.', 12)).toBe('Total revenue is the price times the quantity sold.');
  });

  it('ends a long sentence at a clause end that leaves a complete thought', () => {
    const said = 'Demand is unit elastic when the elasticity is exactly equal to one, so the percentage change in quantity equals the percentage change in price.';
    expect(withinWords(said, 16)).toBe('Demand is unit elastic when the elasticity is exactly equal to one.');
    expect(withinWords('And perfectly elastic demand means the elasticity is infinite: any tiny increase in price makes the quantity demanded drop to zero.', 12)).toBe(
      'And perfectly elastic demand means the elasticity is infinite.',
    );
  });

  it('gives nothing rather than cut a clause in the middle or keep one that leans on the next', () => {
    expect(withinWords('The percentage change in the quantity demanded of one good divided by the percentage change in the price of another good.', 12)).toBeUndefined();
    expect(withinWords('When income rises, the demand for a normal good rises, and the demand for an inferior good falls.', 8)).toBeUndefined();
  });
});

describe('endsDangling', () => {
  it('tells a thought that trails off from one that ends', () => {
    expect(endsDangling('the percentage change in the')).toBe(true);
    expect(endsDangling('a difference in either direction, not equal to.')).toBe(true);
    expect(endsDangling('either every change is applied or none of them is.')).toBe(false);
    expect(endsDangling('people buy less.')).toBe(false);
  });
});
