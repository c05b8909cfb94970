// A Svelte action for pop-up menus placed at the pointer: one opened near the window's edge moves back inside it.
export function keepInView(el: HTMLElement): void {
  const r = el.getBoundingClientRect();
  if (r.bottom > innerHeight) el.style.top = `${Math.max(0, innerHeight - r.height - 4)}px`;
  if (r.right > innerWidth) el.style.left = `${Math.max(0, innerWidth - r.width - 4)}px`;
}
