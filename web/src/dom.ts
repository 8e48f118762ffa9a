// Builds DOM trees without HTML strings, so that text from the API is never parsed as HTML.
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

// A table with a caption, header row and body rows; `numeric` right-aligns those columns.
// `hideCaption` keeps the caption for screen readers where a visible heading already says it.
export function table(
  caption: string,
  header: string[],
  rows: (string | Node)[][],
  numeric: boolean[] = [],
  hideCaption = false,
): HTMLTableElement {
  return el(
    'table',
    {},
    el('caption', { class: hideCaption ? 'visually-hidden' : undefined }, caption),
    el('thead', {}, el('tr', {}, header.map((h, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : undefined }, h)))),
    el(
      'tbody',
      {},
      rows.map((row) =>
        el(
          'tr',
          {},
          row.map((cell, i) =>
            i === 0
              ? el('th', { scope: 'row' }, cell)
              : el('td', { class: numeric[i] ? 'num' : undefined }, cell),
          ),
        ),
      ),
    ),
  );
}
