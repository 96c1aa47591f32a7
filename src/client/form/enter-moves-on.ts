/**
 * The phone keyboard's Enter key on the registration form moves to the next field, as its "next"
 * label (`enterkeyhint`) promises, instead of submitting a half-filled form. On the last field it
 * closes the keyboard. Saving is the Simpan button only. A textarea keeps Enter for new lines.
 */

/** Inputs where Enter would submit the form (implicit submission). */
const TEXT_LIKE = new Set(['text', 'search', 'tel', 'email', 'number', 'date', 'url', 'password']);

function isFillable(element: Element): element is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  if (element instanceof HTMLInputElement) return element.type !== 'hidden' && !element.disabled;
  return (
    (element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) && !element.disabled
  );
}

/** keydown handler for a form: Enter in a text field focuses the next fillable control. */
export function moveFocusOnEnter(event: KeyboardEvent): void {
  const target = event.target;
  if (event.key !== 'Enter' || event.isComposing || !(target instanceof HTMLInputElement)) return;
  if (!TEXT_LIKE.has(target.type) || !target.form) return;
  event.preventDefault();
  const controls = [...target.form.elements].filter(isFillable);
  const next = controls[controls.indexOf(target) + 1];
  if (next) next.focus();
  else target.blur();
}
