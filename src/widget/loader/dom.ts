/** A tiny element builder, so the loader stays free of a UI library. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** Parses trusted markup (our own icons) into a node. */
export function markup(html: string): Node {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}
