import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UnreadableNote } from './query-states.tsx';

afterEach(cleanup);

const lines = { one: 'line', other: 'lines' };

describe('UnreadableNote', () => {
  it('says how many items of a list could not be read', () => {
    render(<UnreadableNote count={3} what={lines} />);
    expect(screen.getByRole('alert').textContent).toBe('3 lines could not be read and are not shown.');
  });

  it('uses the singular for one, and shows nothing when every item was read', () => {
    const { rerender } = render(<UnreadableNote count={1} what={lines} />);
    expect(screen.getByRole('alert').textContent).toBe('1 line could not be read and is not shown.');
    rerender(<UnreadableNote count={0} what={lines} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
