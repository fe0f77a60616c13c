// Building DOM nodes without innerHTML: every tenant-given text is a text node.

/** h('div', {class: 'x', dataset: {id: 'a'}}, 'text', child) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A status badge; its colour comes from the status (console.css). */
export function badge(status, title) {
  return h('span', { class: 'badge', dataset: { tone: toneOf(status) }, title }, status);
}

const GOOD = new Set(['Active', 'Connected', 'Available', 'Created', 'Normal', 'NOERROR', 'Allow']);
const MOVING = new Set(['Creating', 'Pending', 'Connecting', 'Wait', 'Modifying', 'Disconnecting', 'Deleting']);

export function toneOf(status) {
  if (GOOD.has(status)) return 'good';
  if (MOVING.has(status)) return 'moving';
  return 'bad';
}

export function replaceChildren(element, ...children) {
  element.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
}
