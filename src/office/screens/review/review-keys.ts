/** Keyboard shortcuts of the review queue; ignored while typing in a field. */
import { useLayoutEffect } from 'preact/hooks';

export interface ReviewKeys {
  next(): void;
  prev(): void;
  verify(): void;
  reject(): void;
  select(): void;
  verifySelected(): void;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName));
}

export function useReviewKeys(enabled: boolean, keys: ReviewKeys): void {
  // A layout effect: the keys follow the screen as soon as it is drawn, not a frame later.
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const action: Record<string, () => void> = {
        j: keys.next,
        ArrowDown: keys.next,
        k: keys.prev,
        ArrowUp: keys.prev,
        v: keys.verify,
        V: keys.verifySelected,
        r: keys.reject,
        x: keys.select,
      };
      const run = action[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, keys]);
}
