/** Switching screens: the next screen starts at its top, not where the last one was scrolled to. */
import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../helpers/render-app';

describe('switching screens', () => {
  it('starts the next screen at the top', async () => {
    renderApp();
    window.scrollTo(0, 600);
    expect(window.scrollY).toBe(600);
    window.location.hash = '#/data';
    await screen.findByRole('heading', { name: 'Data terdaftar' });
    expect(window.scrollY).toBe(0);
  });
});
