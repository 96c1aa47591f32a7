/** A lazily loaded screen: the fallback until its code arrives, then the screen; tests can wait for loads. */
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { lazyLoadsSettled, lazyScreen } from '../../../src/client/shell/lazy-screen';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

describe('lazyScreen', () => {
  it('shows the fallback, then the screen; lazyLoadsSettled waits for the load', async () => {
    const load = deferred<() => preact.JSX.Element>();
    const Lazy = lazyScreen(() => load.promise);
    render(<Lazy />);
    expect(screen.getByText('Memuat…')).toBeTruthy();
    let isSettled = false;
    const settled = lazyLoadsSettled().then(() => (isSettled = true));
    await Promise.resolve();
    expect(isSettled).toBe(false);
    load.resolve(() => <h1>Layar</h1>);
    await settled;
    expect(await screen.findByRole('heading', { name: 'Layar' })).toBeTruthy();
  });

  it('says when a load fails and loads again on "Coba lagi"', async () => {
    let attempts = 0;
    const Lazy = lazyScreen(() =>
      ++attempts === 1 ? Promise.reject(new Error('chunk missing')) : Promise.resolve(() => <h1>Layar</h1>),
    );
    render(<Lazy />);
    await lazyLoadsSettled();
    expect((await screen.findByRole('alert')).textContent).toContain('gagal dimuat');
    fireEvent.click(screen.getByRole('button', { name: 'Coba lagi' }));
    expect(await screen.findByRole('heading', { name: 'Layar' })).toBeTruthy();
    expect(attempts).toBe(2);
  });
});
