import { act, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_DEBOUNCE_MS, useDebounced } from '../../../src/client/records/use-debounced';

function Shown({ value }: { value: string }) {
  return <output>{useDebounced(value)}</output>;
}

const shown = () => screen.getByRole('status').textContent;

describe('useDebounced (the records search box)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows the typed text only once typing pauses, and an empty box at once', () => {
    const { rerender } = render(<Shown value="" />);
    for (const typed of ['s', 'si', 'sit']) {
      rerender(<Shown value={typed} />);
      act(() => void vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1));
      expect(shown()).toBe(''); // each keystroke restarts the wait
    }
    act(() => void vi.advanceTimersByTime(1));
    expect(shown()).toBe('sit');
    rerender(<Shown value="" />);
    expect(shown()).toBe('');
  });
});
