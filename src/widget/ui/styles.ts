/** Adds a chunk's stylesheet to the widget's shadow root once. */
export function addStyles(root: ShadowRoot, name: string, css: string): void {
  if (root.querySelector(`style[data-bz="${name}"]`)) return;
  const style = document.createElement('style');
  style.dataset.bz = name;
  style.textContent = css;
  root.append(style);
}
