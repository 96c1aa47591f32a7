/**
 * Handing a file the app made to the volunteer: shared with the Web Share API where the phone can share
 * files (WhatsApp, Drive, Bluetooth), otherwise downloaded. Used by the receipt and the rescue backup.
 */

/** Saves the file with a temporary link; the browser's download takes it from there. */
export function downloadFile(file: File): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Whether this browser has the Web Share API for files at all (the button is shown only then). */
export const canShareFiles = (): boolean => typeof navigator.canShare === 'function';

/**
 * Shares where asked and the phone can share this file; otherwise saves. A cancelled share is not a
 * failure (the volunteer may try again or save instead).
 */
export async function shareOrSave(file: File, title: string, share: boolean): Promise<'shared' | 'saved'> {
  if (share && navigator.canShare?.({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title });
      return 'shared';
    } catch (error) {
      if ((error as Error).name === 'AbortError') return 'shared';
      throw error;
    }
  }
  downloadFile(file);
  return 'saved';
}
