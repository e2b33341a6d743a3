import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Facts } from './Facts';

describe('Facts', () => {
  it('pairs each label with its value in a description list, leaving out a null fact', () => {
    const { container } = render(<Facts facts={[['Status', <strong key="s">ACTIVE</strong>], null, ['Okta id', '00u1']]} />);
    const pairs = [...container.querySelectorAll('dl.facts > dt')].map((term) => [term.textContent, term.nextElementSibling?.tagName, term.nextElementSibling?.textContent]);
    expect(pairs).toEqual([
      ['Status', 'DD', 'ACTIVE'],
      ['Okta id', 'DD', '00u1'],
    ]);
  });
});
