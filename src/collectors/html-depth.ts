// A linear pre-scan of untrusted HTML before it reaches the parser. parse5 (cheerio's HTML
// parser) takes time quadratic in the depth of the open-element stack: one list item followed by
// 100,000 nested <div>s blocked the event loop for over a minute. Browsers cap the tree depth
// (Blink builds at most 512 levels); modelwatch refuses a page nested deeper than MAX_HTML_DEPTH,
// which turns it into a source error instead of a frozen service.
//
// The estimate is an upper bound of the parser's stack: opening tags minus closing tags, not
// counting void elements, self-closing tags inside <svg>/<math>, the contents of raw-text
// elements (script, style, textarea, title, xmp, noscript), or the elements a parser closes on its own
// when a sibling opens (li, p, td, …: nesting them needs a counted container between).

export const MAX_HTML_DEPTH = 1000;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'basefont',
  'bgsound',
  'frame',
]);
const SELF_CLOSING_SIBLINGS = new Set([
  'li',
  'p',
  'td',
  'th',
  'tr',
  'dt',
  'dd',
  'option',
  'optgroup',
  'thead',
  'tbody',
  'tfoot',
  'rb',
  'rt',
  'rp',
  'rtc',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes', 'plaintext']);
const FOREIGN = new Set(['svg', 'math']);

/** The deepest estimated nesting, scanning at most until it exceeds `stopAbove`. */
export function htmlDepth(html: string, stopAbove = MAX_HTML_DEPTH): number {
  let depth = 0;
  let max = 0;
  let foreign = 0;
  let i = 0;
  while ((i = html.indexOf('<', i)) !== -1) {
    const next = html.charCodeAt(i + 1);
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    const closing = next === 47; // '/'
    const nameStart = closing ? i + 2 : i + 1;
    let j = nameStart;
    while (j < html.length && isNameChar(html.charCodeAt(j))) j++;
    if (j === nameStart || !isLetter(html.charCodeAt(nameStart))) {
      i = i + 1;
      continue;
    }
    const name = html.slice(nameStart, j).toLowerCase();
    const end = html.indexOf('>', j);
    if (end === -1) break;
    const selfClosing = html.charCodeAt(end - 1) === 47;
    i = end + 1;
    if (VOID.has(name) || SELF_CLOSING_SIBLINGS.has(name)) continue;
    if (closing) {
      if (depth > 0) depth--;
      if (FOREIGN.has(name) && foreign > 0) foreign--;
      continue;
    }
    if (selfClosing && foreign > 0) continue;
    if (RAW_TEXT.has(name) && !selfClosing) {
      // Its text is not markup: skip to its end tag.
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = i;
      const close = endTag.exec(html);
      if (!close) break;
      i = close.index;
      continue;
    }
    if (FOREIGN.has(name)) foreign++;
    depth++;
    if (depth > max) max = depth;
    if (max > stopAbove) return max;
  }
  return max;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}
