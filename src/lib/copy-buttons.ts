/**
 * Shows the copy buttons (hidden in the HTML, so that without JavaScript there is no dead
 * button) and copies their `data-copy` text to the clipboard.
 */
export function enableCopyButtons(root: Document): void {
  if (!navigator.clipboard) return;
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      await navigator.clipboard.writeText(button.dataset.copy ?? '');
      const label = button.textContent;
      button.textContent = button.dataset.copied ?? label;
      setTimeout(() => (button.textContent = label), 2000);
    });
  }
}
