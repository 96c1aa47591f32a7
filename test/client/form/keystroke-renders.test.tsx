/**
 * A keystroke re-renders the field typed in and what reads its value, not the whole form: on a cheap
 * phone every extra component rendered per key is latency the volunteer feels (bench/findings.md).
 * Counted with Preact's own render hook, the one preact/hooks uses (`options.__r`, mangled `_render`).
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { options, type VNode } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { VALID_NIK } from '../../fixtures/registrations';
import { renderApp, typeInto } from '../helpers/render-app';

type RenderHook = ((vnode: VNode) => void) | undefined;
const hooks = options as unknown as { __r: RenderHook };
const original = hooks.__r;

/** Collects the names of the components rendered from now on, each as often as it rendered. */
function countRenders(): string[] {
  const rendered: string[] = [];
  hooks.__r = (vnode) => {
    if (typeof vnode.type === 'function') rendered.push(vnode.type.name);
    original?.(vnode);
  };
  return rendered;
}

/** The names of the components rendered while `act` runs. */
function componentsRenderedBy(act: () => void): string[] {
  const rendered = countRenders();
  try {
    act();
  } finally {
    hooks.__r = original;
  }
  return rendered;
}

afterEach(() => {
  hooks.__r = original;
});

const typeKey = (label: string, value: string) =>
  componentsRenderedBy(() => fireEvent.input(screen.getByLabelText(label), { target: { value } }));

describe('what a keystroke re-renders', () => {
  it('a NIK digit: the NIK field, what reads the NIK, and the draft line, once each', () => {
    renderApp();
    const rendered = typeKey('NIK', '3');
    expect(rendered.sort()).toEqual(
      [
        'DraftAutosave',
        'FieldFlag',
        'FieldMessages',
        'IssueMessages',
        'NikDerivedHint',
        'NikHolderNotice',
        'TextField',
      ].sort(),
    );
  });

  it("the 16th digit also brings the NIK's birth date and gender under the birth date", () => {
    renderApp();
    typeKey('NIK', VALID_NIK.slice(0, 15));
    const rendered = typeKey('NIK', VALID_NIK);
    expect(rendered).toContain('NikDerivedInfo');
    expect(rendered.filter((name) => name === 'TextField')).toHaveLength(1);
    expect(rendered).not.toContain('IdentitySection');
    expect(screen.getByText('Dari NIK: perempuan, lahir 17-08-1975')).toBeTruthy();
  });

  it('a letter in a name renders no section, and a touched field shows its error live', () => {
    renderApp();
    typeInto('RT', '0');
    expect(screen.getByText('RT/RW berupa angka 1–3 digit, bukan 000.')).toBeTruthy();
    const rendered = typeKey('Nama lengkap', 'S');
    expect(rendered.filter((name) => name.endsWith('Section'))).toEqual([]);
    expect(rendered.filter((name) => name === 'TextField')).toHaveLength(1);
    expect(typeKey('RT', '3').filter((name) => name === 'TextField')).toHaveLength(1);
    expect(screen.queryByText('RT/RW berupa angka 1–3 digit, bukan 000.')).toBeNull();
  });

  it('the start renders each section once: checking the stored draft and the photo rule re-render none', async () => {
    const rendered = countRenders();
    const { container } = renderApp();
    await waitFor(() => expect(container.querySelector('form[data-autosave="on"]')).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 50)); // the photo rule is read after the draft
    hooks.__r = original;
    expect(rendered.filter((name) => name === 'RegistrationForm').length).toBeGreaterThan(1);
    for (const section of ['IdentitySection', 'AddressSection', 'WorkSection', 'ConsentSection']) {
      expect(rendered.filter((name) => name === section)).toHaveLength(1);
    }
  });
});
